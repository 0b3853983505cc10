/**
 * The seed report (../shared/seed, the team's 2020 activity report), rebuilt
 * from tickets: every table to the unit, its percentages as printed (bar the
 * four slips SPEC §4 lists), every year-over-year figure of 3A and 3C, and
 * the monthly average.
 */
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { type SeedRow, seedTables } from '../../../test/fixtures/seed-tables.ts';
import type {
  ActivityReport,
  ReportTable,
} from '../../shared/reports/model/activity-report-types.ts';
import { formatCell } from '../../shared/reports/render/format-cell.ts';
import { reportJson } from '../render/render-json.ts';
import { buildActivityReport } from './build-activity-report.ts';
import type { ReportModel } from './build-report-model.ts';
import { yearPeriod } from './period.ts';

/** SPEC §4: printed percentages that do not follow from the seed's own counts. */
const slips: Record<string, string> = {
  'Anomalie Applicative': '4,6%',
  Demande: '23,9%',
  'Gestion / Paramètres': '3,9%',
  'Suivi CAL': '3,5%',
};

const plain = (s: string): string => s.replace(/[\s\u00a0\u202f]/g, '');

function tableById(report: ActivityReport, id: string): ReportTable {
  for (const section of report.sections) {
    for (const block of section.blocks)
      if (block.kind === 'table' && block.table.id === id) return block.table;
  }
  throw new Error(`no table ${id}`);
}

function texts(report: ActivityReport, sectionId: string): string {
  const section = report.sections.find((s) => s.id === sectionId);
  return (section?.blocks ?? [])
    .flatMap((b) => (b.kind === 'text' ? b.paragraphs : []))
    .join('\n')
    .replace(/\u00a0/g, ' ');
}

function expectSeedTable(report: ActivityReport, id: string, seed: readonly SeedRow[]) {
  const table = tableById(report, id);
  const rows = table.rows.map((r) => r.cells.map(formatCell).map(plain));
  const expected = seed.map(([label, n, printed]) => {
    const row = [plain(label), String(n)];
    if (printed) row.push(plain(slips[label] ?? printed));
    return row;
  });
  expect(rows).toEqual(expected);
  const total = seed.reduce((sum, [, n]) => sum + n, 0);
  expect(plain(formatCell(table.total?.cells[1]))).toBe(String(total));
}

describeEachBackend(
  'the seed report, from tickets',
  (ctx) => {
    let report: ActivityReport;
    let model: ReportModel;

    beforeAll(async () => {
      ({ report, model } = await buildActivityReport(ctx.db, yearPeriod(2020)));
    }, 180_000);

    it('has the seed sections, in order', () => {
      expect(report.sections.map((s) => s.id)).toEqual([
        '1A',
        '1B',
        '1C',
        '1D',
        '1E',
        '1F',
        '2A',
        '2B',
        '2C',
        '2D',
        '3A',
        '3B',
        '3C',
      ]);
      expect(report.title).toBe('Rapport d’activité 2020');
      expect(report.definitions.length).toBeGreaterThan(5);
    });

    it('reproduces tables 1C–1F and 2C–2D to the unit, with the printed percentages', () => {
      expectSeedTable(report, '1C', seedTables.partnerDepartements);
      expectSeedTable(report, '1D', seedTables.partnerNatures);
      expectSeedTable(report, '1E', seedTables.modules);
      expectSeedTable(report, '1F', seedTables.partnerTypes);
      expectSeedTable(report, '2C', seedTables.applicantDepartements);
      expectSeedTable(report, '2D', seedTables.applicantNatures);
      // 1C has no percentage column; 1D greys the values grouped under "Autre" in its chart
      expect(tableById(report, '1C').columns).toEqual(['Départements', 'Nb de tickets']);
      const greyed = tableById(report, '1D')
        .rows.filter((r) => r.groupedInChart)
        .map((r) => formatCell(r.cells[0]));
      expect(greyed).toContain('Aide LPSD');
      expect(greyed).not.toContain('Extraction de données à réaliser');
    });

    it('reproduces 3A: tickets, replies, shares, monthly average and changes', () => {
      const rows = tableById(report, '3A').rows.map((r) => r.cells.map(formatCell).map(plain));
      expect(rows).toEqual([
        ['Supportpartenaires', '3654', '55%', '4837', '58,7%'],
        ['Supportdemandeurs', '3039', '45%', '3401', '41,3%'],
      ]);
      expect(tableById(report, '3A').total?.cells.map(formatCell).map(plain)).toEqual([
        'Total',
        '6693',
        '100%',
        '8238',
        '100%',
      ]);
      const text = texts(report, '3A');
      expect(text).toContain('Soit 558 tickets de moyenne par mois (- 8 % par rapport à 2019)');
      expect(text).toContain('Partenaires + 11 %');
      expect(text).toContain('Demandeurs - 24 %');
      expect(text).toContain('(55 % - 45 %)');
      expect(text).toContain('en 2019 il était de 45 % - 55 %');
    });

    it('reproduces 3B from the first year with data, imported totals included', () => {
      expect(
        model.evolution.map((e) => [e.year, e.tickets.partenaires, e.tickets.demandeurs]),
      ).toEqual([
        [2017, 3000, 2455],
        [2018, 3100, 3790],
        [2019, 3292, 3999],
        [2020, 3654, 3039],
      ]);
    });

    it('reproduces 3C: first-response shares with their changes in points, and satisfaction', () => {
      const text = texts(report, '3C');
      for (const line of [
        "40 % en moins d'1 heure (-6 points)",
        'Support partenaires : 502 avis',
        '55 % en moins de 2 heures (-4 points)',
        '93 % en moins de 24 heures (+1 point)',
        "13 % en moins d'1 heure (+2 points)",
        '21 % en moins de 2 heures (+3 points)',
        '79 % en moins de 24 heures (-14 points)',
        '(2019 = 403 avis, 97 % - 3 %)',
        'Support demandeurs : 419 avis',
        '(2019 = 419 avis, 70 % - 30 %)',
      ]) {
        expect(text).toContain(line);
      }
    });

    it('counts the edges right: 00:30 on 1 January, exact 1 h and 24 h, January replies, spam, notes', async () => {
      const json = reportJson(model);
      expect(json.mailboxes.partenaires?.months[0]).toBe(320);
      expect(json.mailboxes.partenaires?.months.reduce((a, b) => a + b, 0)).toBe(3654);
      const edges = await sql<{
        exact1h: number;
        exact24h: number;
        january: number;
        phone_first: number;
      }>`
      select
        count(*) filter (where first_response_seconds = 3600)::int as exact1h,
        count(*) filter (where first_response_seconds = 86400)::int as exact24h,
        (select count(*) from messages m join tickets t on t.id = m.ticket_id
          where m.kind = 'reply' and t.created_at < '2019-12-31T23:00:00Z' and m.created_at >= '2019-12-31T23:00:00Z')::int as january,
        (select count(distinct t.id) from tickets t join messages m on m.ticket_id = t.id
          where m.kind = 'phone' and m.created_at = t.first_response_at)::int as phone_first
      from tickets`.execute(ctx.db);
      const row = edges.rows[0];
      expect(row?.exact1h).toBeGreaterThan(0);
      expect(row?.exact24h).toBeGreaterThan(0);
      expect(row?.january).toBeGreaterThan(0);
      expect(row?.phone_first).toBeGreaterThan(0);
      expect(json.mailboxes.partenaires?.replies).toBe(4837);
      expect(json.previous.mailboxes.demandeurs?.tickets).toBe(3999);
    });
  },
  { seeded: true },
);
