/**
 * One part of the activity report per mailbox (seed parts 1 and 2): the
 * preamble, monthly volumes beside the previous period, and one breakdown
 * table + chart per classification field.
 */

import { percentOf } from '../../shared/reports/format.ts';
import type {
  ChartSpec,
  ReportSection,
  ReportTable,
  TableRow,
} from '../../shared/reports/model/activity-report-types.ts';
import { MISSING_LABEL } from '../metrics/tickets-of-period.ts';
import type { FieldBreakdown, MailboxReport, ReportModel } from './build-report-model.ts';
import { countCell as count, percentCell as percent, textCell as text } from './cells.ts';
import { MONTH_SHORT_FR } from './period.ts';
import { fieldLayout, sectionLetter } from './report-layout.ts';

/** Label shown for a chart slice that gathers small values (and the "Autre" value itself). */
export const OTHER_LABEL = 'Autre';

/** Sections of a mailbox's part, numbered `part`A, `part`B, … */
export function mailboxSections(
  model: ReportModel,
  mailbox: MailboxReport,
  part: number,
  preamble: string,
  otherThresholdPercent: number,
): ReportSection[] {
  const id = (n: number) => `${part}${sectionLetter(n)}`;
  const sections: ReportSection[] = [
    {
      id: id(0),
      part,
      title: 'Préambule',
      blocks: [{ kind: 'text', paragraphs: paragraphs(preamble) }],
    },
    monthlySection(model, mailbox, id(1), part),
  ];
  mailbox.current.fields.forEach((field, n) => {
    const tableId = id(n + 2);
    const layout = fieldLayout(mailbox.slug, field.key, field.label);
    const table = breakdownTable(
      tableId,
      layout.title,
      layout.firstColumn,
      field,
      layout.decimals,
      otherThresholdPercent,
    );
    sections.push({
      id: tableId,
      part,
      title: layout.title,
      blocks: [
        { kind: 'table', table },
        {
          kind: 'chart',
          chart: breakdownChart(tableId, layout.title, table, field, layout.firstColumn),
        },
      ],
    });
  });
  return sections;
}

/** Splits an editable text into paragraphs on blank lines. */
export function paragraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

function monthLabel(month: string, withYear: boolean): string {
  const index = Number(month.slice(5, 7)) - 1;
  const name = MONTH_SHORT_FR[index] ?? month;
  return withYear ? `${name} ${month.slice(0, 4)}` : name;
}

function monthlySection(
  model: ReportModel,
  mailbox: MailboxReport,
  id: string,
  part: number,
): ReportSection {
  const current = mailbox.current.months;
  const previous = mailbox.previous.months;
  const crossesYears =
    current[0]?.month.slice(0, 4) !== current[current.length - 1]?.month.slice(0, 4);
  const categories = current.map((m) => monthLabel(m.month, crossesYears));
  const chart: ChartSpec = {
    id: `${id}-chart`,
    kind: 'bar',
    title: `Tickets par mois — ${model.period.label} et ${model.previousPeriod.label}`,
    categories,
    series: [
      { name: model.previousPeriod.label, values: previous.map((m) => m.tickets) },
      { name: model.period.label, values: current.map((m) => m.tickets) },
    ],
  };
  const table: ReportTable = {
    id,
    title: 'Volumétrie mensuelle',
    columns: ['Mois', model.previousPeriod.label, model.period.label],
    rows: current.map((m, i) => ({
      cells: [text(categories[i] ?? m.month), count(previous[i]?.tickets ?? 0), count(m.tickets)],
    })),
    total: {
      cells: [text('Total'), count(mailbox.previous.tickets), count(mailbox.current.tickets)],
    },
  };
  return {
    id,
    part,
    title: 'Volumétrie mensuelle',
    blocks: [
      { kind: 'chart', chart },
      { kind: 'table', table },
    ],
  };
}

type Row = { label: string; count: number; position: number };

/** Rows by count, largest first; ties keep the configured order; "Non renseigné" last. */
function sortedRows(field: FieldBreakdown): Row[] {
  const rows = field.values
    .filter((v) => v.count > 0)
    .sort((a, b) => b.count - a.count || a.position - b.position)
    .map((v) => ({ label: v.label, count: v.count, position: v.position }));
  if (field.missing > 0)
    rows.push({ label: MISSING_LABEL, count: field.missing, position: Number.MAX_SAFE_INTEGER });
  return rows;
}

function breakdownTable(
  id: string,
  title: string,
  firstColumn: string,
  field: FieldBreakdown,
  decimals: number | null,
  threshold: number,
): ReportTable {
  const rows = sortedRows(field);
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const grouped = groupedLabels(rows, total, threshold);
  const withPercent = decimals !== null;
  const tableRows: TableRow[] = rows.map((r) => ({
    cells: withPercent
      ? [text(r.label), count(r.count), percent(percentOf(r.count, total, decimals), decimals)]
      : [text(r.label), count(r.count)],
    groupedInChart: grouped.has(r.label) && r.label !== OTHER_LABEL ? true : undefined,
  }));
  const anyGrouped = tableRows.some((r) => r.groupedInChart);
  return {
    id,
    title,
    columns: withPercent ? [firstColumn, 'Nb de tickets', '%'] : [firstColumn, 'Nb de tickets'],
    rows: tableRows,
    total: {
      cells: withPercent
        ? [text('Total général'), count(total), percent(total > 0 ? 100 : 0, 0)]
        : [text('Total'), count(total)],
    },
    note: anyGrouped
      ? 'Les cases grisées ont été regroupées dans la rubrique « Autre » dans le graphique.'
      : undefined,
  };
}

/** Labels under the threshold (in % of the total), grouped under "Autre" in charts. */
function groupedLabels(rows: Row[], total: number, threshold: number): Set<string> {
  if (total === 0 || threshold <= 0) return new Set();
  const small = rows.filter((r) => (r.count * 100) / total < threshold);
  // grouping one lone value under "Autre" would hide it for nothing
  return small.length >= 2 ? new Set(small.map((r) => r.label)) : new Set();
}

function breakdownChart(
  id: string,
  title: string,
  table: ReportTable,
  field: FieldBreakdown,
  firstColumn: string,
): ChartSpec {
  const rows = sortedRows(field);
  const grouped = new Set(
    table.rows
      .filter((r) => r.groupedInChart)
      .map((r) => (r.cells[0]?.kind === 'text' ? r.cells[0].value : '')),
  );
  const kept = rows.filter(
    (r) => !grouped.has(r.label) && !(grouped.size > 0 && r.label === OTHER_LABEL),
  );
  const other = rows.filter(
    (r) => grouped.has(r.label) || (grouped.size > 0 && r.label === OTHER_LABEL),
  );
  const categories = kept.map((r) => r.label);
  const values = kept.map((r) => r.count);
  if (other.length > 0) {
    categories.push(OTHER_LABEL);
    values.push(other.reduce((sum, r) => sum + r.count, 0));
  }
  return {
    id: `${id}-chart`,
    kind: field.key === 'departement' ? 'bar' : 'pie',
    title,
    categories,
    series: [{ name: firstColumn, values }],
  };
}
