/**
 * The review part of the activity report (seed part 3): 3A tickets and
 * replies per support with shares, monthly average, year-over-year changes
 * and the ratio between the two supports; 3B the yearly evolution; 3C
 * first-response shares and satisfaction with their changes.
 */

import {
  formatCount,
  formatPercent,
  formatPoints,
  formatSignedPercent,
  percentChange,
  percentOf,
} from '../../shared/reports/format.ts';
import type {
  ReportSection,
  ReportTable,
} from '../../shared/reports/model/activity-report-types.ts';
import { responseShares } from '../metrics/first-response.ts';
import { satisfactionSplit } from '../metrics/satisfaction.ts';
import type { MailboxReport, ReportModel } from './build-report-model.ts';
import { countCell as count, percentCell as percent, textCell as text } from './cells.ts';
import { paragraphs } from './mailbox-sections.ts';
import { supportName } from './report-layout.ts';

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** Sections 3A, 3B, 3C (numbered with `part`). */
export function reviewSections(
  model: ReportModel,
  part: number,
  texts: Record<string, string>,
): ReportSection[] {
  const id = (letter: string) => `${part}${letter}`;
  const comment = (letter: string) => paragraphs(texts[id(letter)] ?? '');
  return [
    { id: id('A'), part, title: 'Bilans', blocks: assessment(model, id('A'), comment('A')) },
    { id: id('B'), part, title: 'Évolutions', blocks: evolution(model, id('B'), comment('B')) },
    {
      id: id('C'),
      part,
      title: 'Temps de traitement & indice de satisfaction',
      blocks: timings(model, id('C'), comment('C')),
    },
  ];
}

function assessment(model: ReportModel, id: string, comment: string[]): ReportSection['blocks'] {
  const { mailboxes, period, previousPeriod } = model;
  const tickets = sum(mailboxes.map((m) => m.current.tickets));
  const replies = sum(mailboxes.map((m) => m.current.replies));
  const previousTickets = sum(mailboxes.map((m) => m.previous.tickets));
  const table: ReportTable = {
    id,
    title: `Bilan Support ${period.label}`,
    columns: [
      `Bilan Support ${period.label}`,
      'Nbre de tickets',
      '%',
      'Nbre de réponses support',
      '%',
    ],
    rows: mailboxes.map((m) => ({
      cells: [
        text(supportName(m.name)),
        count(m.current.tickets),
        percent(percentOf(m.current.tickets, tickets, 0), 0),
        count(m.current.replies),
        percent(percentOf(m.current.replies, replies, 1), 1),
      ],
    })),
    total: {
      cells: [
        text('Total'),
        count(tickets),
        percent(tickets ? 100 : 0, 0),
        count(replies),
        percent(replies ? 100 : 0, 0),
      ],
    },
  };
  const months = mailboxes[0]?.current.months.length ?? 12;
  const average = months > 0 ? Math.floor((2 * tickets + months) / (2 * months)) : 0;
  const change = percentChange(tickets, previousTickets);
  const lines = [
    `Soit ${formatCount(average)} tickets de moyenne par mois${change === null ? '' : ` (${formatSignedPercent(change)} par rapport à ${previousPeriod.label})`}.`,
  ];
  const details = mailboxes
    .map((m) => [m.name, percentChange(m.current.tickets, m.previous.tickets)] as const)
    .filter((d): d is readonly [string, number] => d[1] !== null)
    .map(([name, c]) => `${name} ${formatSignedPercent(c)}`);
  if (details.length > 0) lines.push(`Détail par support : ${details.join(', ')}.`);
  if (mailboxes.length === 2) lines.push(ratioSentence(mailboxes, model));
  return [
    { kind: 'table', table },
    { kind: 'text', paragraphs: [...lines, ...comment] },
  ];
}

function ratioSentence(mailboxes: MailboxReport[], model: ReportModel): string {
  const split = (a: number, b: number) => {
    const first = percentOf(a, a + b, 0);
    return `${formatPercent(first, 0)} - ${formatPercent(a + b === 0 ? 0 : 100 - first, 0)}`;
  };
  const [a, b] = mailboxes as [MailboxReport, MailboxReport];
  return (
    `Le ratio ${supportName(a.name)} / ${supportName(b.name)} est de (${split(a.current.tickets, b.current.tickets)}) ; ` +
    `en ${model.previousPeriod.label} il était de ${split(a.previous.tickets, b.previous.tickets)}.`
  );
}

function evolution(model: ReportModel, id: string, comment: string[]): ReportSection['blocks'] {
  const years = model.evolution.map((e) => String(e.year));
  if (years.length === 0)
    return [{ kind: 'text', paragraphs: ['Aucune donnée annuelle.', ...comment] }];
  const table: ReportTable = {
    id,
    title: 'Évolution annuelle des tickets',
    columns: ['Année', ...model.mailboxes.map((m) => supportName(m.name)), 'Total'],
    rows: model.evolution.map((e) => ({
      cells: [
        text(e.imported.length > 0 ? `${e.year} *` : String(e.year)),
        ...model.mailboxes.map((m) => count(e.tickets[m.slug] ?? 0)),
        count(sum(model.mailboxes.map((m) => e.tickets[m.slug] ?? 0))),
      ],
    })),
    note: model.evolution.some((e) => e.imported.length > 0)
      ? '* Totaux annuels importés (années antérieures aux tickets détaillés).'
      : undefined,
  };
  return [
    {
      kind: 'text',
      paragraphs: [
        'Évolution de la volumétrie des tickets des supports depuis la mise en place de l’outil d’assistance :',
        ...comment,
      ],
    },
    {
      kind: 'chart',
      chart: {
        id: `${id}-chart`,
        kind: 'bar',
        title: 'Évolution du nombre de tickets par support',
        categories: years,
        series: model.mailboxes.map((m) => ({
          name: supportName(m.name),
          values: model.evolution.map((e) => e.tickets[m.slug] ?? 0),
        })),
      },
    },
    { kind: 'table', table },
  ];
}

function timings(model: ReportModel, id: string, comment: string[]): ReportSection['blocks'] {
  const blocks: ReportSection['blocks'] = [];
  const clock = model.clock === 'business' ? ' (heures ouvrées)' : '';
  const shareRows = model.mailboxes.map((m) => {
    const now = responseShares(m.current.firstResponse);
    const before = responseShares(m.previous.firstResponse);
    const hasBefore = m.previous.firstResponse.responded > 0;
    const line = (share: number, old: number, label: string) =>
      `${formatPercent(share, 0)} ${label}${hasBefore ? ` (${formatPoints(share - old)})` : ''}`;
    blocks.push({
      kind: 'text',
      paragraphs: [
        `Temps de première réponse ${supportName(m.name)}${clock} :`,
        line(now.under1h, before.under1h, "en moins d'1 heure"),
        line(now.under2h, before.under2h, 'en moins de 2 heures'),
        line(now.under24h, before.under24h, 'en moins de 24 heures'),
      ],
    });
    return { m, now };
  });
  blocks.push({
    kind: 'text',
    paragraphs: [`() = évolution ${model.previousPeriod.label} - ${model.period.label} en points`],
  });
  blocks.push({
    kind: 'table',
    table: {
      id,
      title: 'Temps de première réponse',
      columns: [
        'Support',
        'Tickets avec réponse',
        "Moins d'1 heure",
        'Moins de 2 heures',
        'Moins de 24 heures',
      ],
      rows: shareRows.map(({ m, now }) => ({
        cells: [
          text(supportName(m.name)),
          count(now.responded),
          percent(now.under1h, 0),
          percent(now.under2h, 0),
          percent(now.under24h, 0),
        ],
      })),
    },
  });
  blocks.push(...satisfaction(model, id));
  if (comment.length > 0) blocks.push({ kind: 'text', paragraphs: comment });
  return blocks;
}

function satisfaction(model: ReportModel, id: string): ReportSection['blocks'] {
  const blocks: ReportSection['blocks'] = [{ kind: 'text', paragraphs: ['Satisfaction :'] }];
  for (const m of model.mailboxes) {
    const now = satisfactionSplit(m.current.ratings);
    const before = satisfactionSplit(m.previous.ratings);
    const previous =
      before.total > 0
        ? ` (${model.previousPeriod.label} = ${formatCount(before.total)} avis, ${formatPercent(before.satisfied, 0)} - ${formatPercent(before.notSatisfied, 0)})`
        : '';
    blocks.push({
      kind: 'text',
      paragraphs: [
        `${supportName(m.name)} : ${formatCount(now.total)} avis, ${formatPercent(now.satisfied, 0)} - ${formatPercent(now.notSatisfied, 0)}${previous}`,
      ],
    });
    if (now.total > 0) {
      blocks.push({
        kind: 'chart',
        chart: {
          id: `${id}-${m.slug}-satisfaction`,
          kind: 'pie',
          title: `Satisfaction ${supportName(m.name)}`,
          categories: ['Très bien', 'Correct', 'Pas satisfait'],
          series: [
            {
              name: 'Avis',
              values: [m.current.ratings.great, m.current.ratings.okay, m.current.ratings.notGood],
            },
          ],
        },
      });
    }
  }
  blocks.push({
    kind: 'table',
    table: {
      id: `${id}-satisfaction`,
      title: 'Satisfaction',
      columns: [
        'Support',
        'Avis',
        'Très bien',
        'Correct',
        'Pas satisfait',
        'Satisfaits',
        'Non satisfaits',
      ],
      rows: model.mailboxes.map((m) => {
        const split = satisfactionSplit(m.current.ratings);
        return {
          cells: [
            text(supportName(m.name)),
            count(split.total),
            count(m.current.ratings.great),
            count(m.current.ratings.okay),
            count(m.current.ratings.notGood),
            percent(split.satisfied, 0),
            percent(split.notSatisfied, 0),
          ],
        };
      }),
    },
  });
  return blocks;
}
