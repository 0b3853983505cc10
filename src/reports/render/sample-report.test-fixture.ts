/**
 * A realistic ActivityReport for the renderers' tests: the seed's 2020 report
 * (tables 1C, 1D, 1E, 1F, 2C, 2D and 3A with their real counts, percentages
 * computed from counts as SPEC §4 asks), invented monthly volumes and
 * satisfaction splits where the seed only had pictures, and one extra section
 * of hostile labels (formula injection, HTML, a 300-character value, emoji).
 */

import { percentOf } from '../../shared/reports/format.ts';
import type {
  ActivityReport,
  ChartSpec,
  ReportSection,
  ReportTable,
  TableRow,
} from '../../shared/reports/model/activity-report-types.ts';
import { countCell as count, percentCell as percent, textCell as text } from '../model/cells.ts';
import {
  type Entry,
  SEED_1C,
  SEED_1D,
  SEED_1E,
  SEED_1F,
  SEED_2C,
  SEED_2D,
} from './seed-2020-tables.test-fixture.ts';

/** A breakdown table like the seed's: label, count and (unless decimals is null) a percentage. */
function breakdown(
  id: string,
  title: string,
  columns: string[],
  entries: Entry[],
  decimals: number | null,
  options: { totalLabel?: string; groupBelow?: number } = {},
): ReportTable {
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  const rows: TableRow[] = entries.map(([label, n]) => {
    const share = percentOf(n, total, 1);
    const cells = [text(label), count(n)];
    if (decimals !== null) cells.push(percent(percentOf(n, total, decimals), decimals));
    const grouped = options.groupBelow !== undefined && share < options.groupBelow;
    return grouped ? { cells, groupedInChart: true } : { cells };
  });
  const totalCells = [text(options.totalLabel ?? 'Total général'), count(total)];
  if (decimals !== null) totalCells.push(percent(100, 0));
  const table: ReportTable = { id, title, columns, rows, total: { cells: totalCells } };
  if (options.groupBelow !== undefined) {
    table.note =
      'Les cases grisées ont été regroupées dans la rubrique « Autre » dans le graphique';
  }
  return table;
}

/** The chart of a breakdown: rows marked groupedInChart are summed under "Autre". */
function breakdownChart(table: ReportTable, kind: ChartSpec['kind']): ChartSpec {
  const categories: string[] = [];
  const values: number[] = [];
  let other = 0;
  for (const row of table.rows) {
    const [label, value] = row.cells;
    const n = value?.kind === 'count' ? value.value : 0;
    const name = label?.kind === 'text' ? label.value : '';
    if (row.groupedInChart || name === 'Autre') other += n;
    else {
      categories.push(name);
      values.push(n);
    }
  }
  if (other > 0) {
    categories.push('Autre');
    values.push(other);
  }
  return {
    id: `${table.id}-chart`,
    kind,
    title: table.title,
    categories,
    series: [{ name: 'Nb de tickets', values }],
  };
}

const MONTHS = [
  'janv.',
  'févr.',
  'mars',
  'avr.',
  'mai',
  'juin',
  'juil.',
  'août',
  'sept.',
  'oct.',
  'nov.',
  'déc.',
];

/** Monthly bars, the previous year beside (the seed's 1B and 2B charts). */
function monthly(id: string, title: string, before: number[], after: number[]): ReportSection {
  const part = Number(id.slice(0, 1));
  return {
    id,
    part,
    title,
    blocks: [
      {
        kind: 'chart',
        chart: {
          id: `${id}-chart`,
          kind: 'bar',
          title: 'Nombre de tickets par mois',
          categories: MONTHS,
          series: [
            { name: '2019', values: before },
            { name: '2020', values: after },
          ],
        },
      },
    ],
  };
}

export const LONG_LABEL = `Libellé très long ${'abcdefghij'.repeat(29)}`.slice(0, 300);

/** Field values a hostile or careless user could type; each must come out as plain text. */
export const HOSTILE_LABELS: string[] = [
  "=cmd|' /C calc'!A0",
  '<script>alert(1)</script>',
  LONG_LABEL,
  '@SUM(1)',
  '+1',
  '-1',
  'Très bien 👍 « guillemets » & "quotes"',
  '\tTabulation',
];

// Invented (the seed shows these as pictures); each year sums to its total.
const PARTNERS_2019 = [300, 285, 290, 240, 250, 270, 280, 215, 300, 290, 270, 302]; // 3292
const PARTNERS_2020 = [330, 320, 280, 260, 270, 310, 320, 250, 350, 340, 300, 324]; // 3654
const APPLICANTS_2019 = [380, 350, 360, 330, 320, 340, 330, 290, 350, 340, 310, 299]; // 3999
const APPLICANTS_2020 = [280, 270, 260, 240, 230, 250, 260, 220, 270, 260, 250, 249]; // 3039

function section(id: string, title: string, blocks: ReportSection['blocks']): ReportSection {
  return { id, part: Number(id.slice(0, 1)), title, blocks };
}

function tableSection(id: string, title: string, table: ReportTable, chart?: ChartSpec) {
  const blocks: ReportSection['blocks'] = [{ kind: 'table', table }];
  if (chart) blocks.push({ kind: 'chart', chart });
  return section(id, title, blocks);
}

function partnerSections(): ReportSection[] {
  const t1c = breakdown(
    '1C',
    'Volumétrie par département',
    ['Départements', 'Nb de tickets'],
    SEED_1C,
    null,
    {
      totalLabel: 'Total',
    },
  );
  const t1d = breakdown(
    '1D',
    'Répartition par nature de problème',
    ['Nature de problème', 'Nb de Tickets', '%'],
    SEED_1D,
    1,
    { groupBelow: 1 },
  );
  const t1e = breakdown(
    '1E',
    "Répartition par module de l'application",
    ["Module de l'application", 'Nb de Tickets', '%'],
    SEED_1E,
    1,
    { groupBelow: 1 },
  );
  const t1f = breakdown(
    '1F',
    'Répartition par type de partenaire',
    ['Type de partenaire', 'Nb de Tickets', '%'],
    SEED_1F,
    1,
  );
  return [
    section('1A', 'Préambule', [
      {
        kind: 'text',
        paragraphs: [
          'Accès au support Partenaires, fonctionnement et préconisations :',
          "L'accès au Support Partenaires (réservé aux utilisateurs Imhoweb) se fait par messagerie : support@creha-ouest.org",
          "Si le sujet est simple, la réponse est envoyée par e-mail, sinon l'utilisateur est contacté par téléphone pour explication puis la réponse est ensuite reformulée par mail.",
        ],
      },
    ]),
    monthly('1B', 'Volumétrie mensuelle', PARTNERS_2019, PARTNERS_2020),
    tableSection(
      '1C',
      'Volumétrie et répartition par département',
      t1c,
      breakdownChart(t1c, 'pie'),
    ),
    tableSection('1D', 'Répartition par nature de problème', t1d, breakdownChart(t1d, 'pie')),
    tableSection('1E', "Répartition par module de l'application", t1e, breakdownChart(t1e, 'pie')),
    tableSection('1F', 'Répartition par type de partenaire', t1f, breakdownChart(t1f, 'pie')),
  ];
}

function applicantSections(): ReportSection[] {
  const t2c = breakdown(
    '2C',
    'Volumétrie par département',
    ['Départements', 'Nb de Tickets', '%'],
    SEED_2C,
    0,
    { totalLabel: 'Total' },
  );
  const t2d = breakdown(
    '2D',
    'Répartition par nature de problème',
    ['Nature du problème', 'Nb de tickets', '%'],
    SEED_2D,
    2,
    { groupBelow: 1 },
  );
  return [
    section('2A', 'Préambule', [
      {
        kind: 'text',
        paragraphs: [
          'Accès au support Demandeur, fonctionnement :',
          "L'accès au Support Demandeur se fait via les sites internet de demandes de logement (dits sites 'grand public').",
        ],
      },
    ]),
    monthly('2B', 'Volumétrie mensuelle', APPLICANTS_2019, APPLICANTS_2020),
    tableSection('2C', 'Volumétrie par département', t2c, breakdownChart(t2c, 'pie')),
    tableSection('2D', 'Répartition par nature de problème', t2d, breakdownChart(t2d, 'pie')),
  ];
}

function reviewSections(): ReportSection[] {
  const t3a: ReportTable = {
    id: '3A',
    title: 'Bilan Support 2020',
    columns: ['Bilan Support 2020', 'Nbre de tickets', '%', 'Nbre de réponses support', '%'],
    rows: [
      {
        cells: [
          text('Support partenaires'),
          count(3654),
          percent(55, 0),
          count(4837),
          percent(58.7, 1),
        ],
      },
      { cells: [text('Support GP'), count(3039), percent(45, 0), count(3401), percent(41.3, 1)] },
    ],
    total: { cells: [text('Total'), count(6693), percent(100, 0), count(8238), percent(100, 0)] },
  };
  const t3c: ReportTable = {
    id: '3C',
    title: 'Temps de première réponse',
    columns: ['Support', "Moins d'1 heure", 'Moins de 2 heures', 'Moins de 24 heures'],
    rows: [
      { cells: [text('Support partenaires'), percent(40, 0), percent(55, 0), percent(93, 0)] },
      { cells: [text('Support GP'), percent(13, 0), percent(21, 0), percent(79, 0)] },
    ],
  };
  const satisfaction = (
    id: string,
    name: string,
    great: number,
    okay: number,
    notGood: number,
  ) => ({
    kind: 'chart' as const,
    chart: {
      id,
      kind: 'pie' as const,
      title: `Satisfaction ${name}`,
      categories: ['Très bien', 'Correct', 'Pas satisfait'],
      series: [{ name: 'Avis', values: [great, okay, notGood] }],
    },
  });
  return [
    section('3A', 'Bilans', [
      { kind: 'table', table: t3a },
      {
        kind: 'text',
        paragraphs: [
          'Soit 558 tickets de moyenne par mois (- 8 % par rapport à 2019)',
          'Détail par support : Partenaires + 11 %, Demandeurs - 24 %',
        ],
      },
    ]),
    section('3B', 'Évolution', [
      {
        kind: 'chart',
        chart: {
          id: '3B-chart',
          kind: 'line',
          title: 'Évolution du nombre de tickets',
          categories: ['2017', '2018', '2019', '2020'],
          series: [
            { name: 'Support partenaires', values: [2800, 3100, 3292, 3654] },
            { name: 'Support demandeurs', values: [2300, 3800, 3999, 3039] },
          ],
        },
      },
    ]),
    section('3C', 'Temps de traitement & indice de satisfaction', [
      { kind: 'table', table: t3c },
      {
        kind: 'text',
        paragraphs: ['() = Evolution 2019 - 2020 en %', '502 avis (2019 = 403 avis, 97 % - 3 %)'],
      },
      satisfaction('3C-partners', 'partenaires', 440, 44, 18),
      satisfaction('3C-applicants', 'demandeurs', 230, 60, 129),
    ]),
  ];
}

function hostileSection(): ReportSection {
  const entries: Entry[] = HOSTILE_LABELS.map((label, index) => [label, index + 1]);
  const table = breakdown(
    '1G',
    'Étiquettes <saisies> & "libres"',
    ['Étiquette', 'Nb de tickets', '%'],
    entries,
    1,
  );
  return section('1G', 'Étiquettes libres (valeurs hostiles)', [
    { kind: 'text', paragraphs: ['<script>alert(1)</script> & =1+1 dans un texte'] },
    { kind: 'table', table },
    { kind: 'chart', chart: breakdownChart(table, 'bar') },
  ]);
}

/** The seed's 2020 report as a document model, plus a section of hostile labels (1G). */
export function sampleReport(): ActivityReport {
  return {
    year: 2020,
    title: "Rapport d'activité 2020",
    heading: [
      'Fichiers départementaux de la Demande Locative Sociale',
      'Bretagne et Pays de la Loire',
      'Support et assistance aux Partenaires et aux Demandeurs',
    ],
    parts: [
      { number: 1, title: 'Le support aux Partenaires' },
      { number: 2, title: 'Le support aux Demandeurs' },
      { number: 3, title: 'Bilans, évolutions et analyse des supports' },
    ],
    sections: [...partnerSections(), hostileSection(), ...applicantSections(), ...reviewSections()],
    definitions: [
      {
        term: 'Ticket de la période',
        text: 'Un ticket dont la création (son premier message) tombe dans la période, en heure de Paris. Les spams et tickets supprimés ne comptent jamais.',
      },
      {
        term: 'Réponses support',
        text: "Réponses d'agents envoyées au client dans la période, comptées à la date de la réponse.",
      },
      {
        term: 'Temps de première réponse',
        text: 'De la création du ticket à la première réponse ou au premier appel enregistré ; parts cumulées strictement sous 1 h, 2 h et 24 h.',
      },
    ],
    generatedAt: '2021-01-15T09:00:00.000Z',
  };
}

/** A year without any ticket: the notice, no table, no chart. */
export function emptyReport(): ActivityReport {
  return {
    year: 2031,
    title: "Rapport d'activité 2031",
    heading: ['Support et assistance'],
    parts: [{ number: 1, title: 'Le support aux Partenaires' }],
    sections: [{ id: '1A', part: 1, title: 'Préambule', blocks: [] }],
    definitions: [],
    emptyNotice: "Aucun ticket n'a été créé sur la période : le rapport est vide.",
    generatedAt: '2032-01-02T08:00:00.000Z',
  };
}

/** Odd shapes a model could still produce: empty tables and charts, a section outside any part. */
export function edgeReport(): ActivityReport {
  const empty: ReportTable = { id: 'E1', title: 'Sans ligne', columns: ['Valeur', 'Nb'], rows: [] };
  const noColumns: ReportTable = { id: 'E2', title: 'Sans colonne', columns: [], rows: [] };
  const short: ReportTable = {
    id: 'E3',
    title: 'Cellules manquantes',
    columns: ['Valeur', 'Nb', '%'],
    rows: [{ cells: [text('Seule')] }],
    total: { cells: [text('Total'), count(0)] },
  };
  return {
    ...emptyReport(),
    emptyNotice: undefined,
    sections: [
      {
        id: '1A',
        part: 1,
        title: 'Tableaux vides',
        blocks: [
          { kind: 'table', table: empty },
          { kind: 'table', table: noColumns },
          { kind: 'table', table: short },
          {
            kind: 'chart',
            chart: { id: 'c', kind: 'pie', title: 'Vide', categories: [], series: [] },
          },
        ],
      },
      { id: '9Z', part: 9, title: 'Hors partie', blocks: [{ kind: 'text', paragraphs: [''] }] },
    ],
  };
}
