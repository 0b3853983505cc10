/** The report filters' rows (reports/model/report-filter-options.ts) → API JSON. */
import type { ReportFiltersDto } from '../shared/contracts.ts';

/** What reports/model/report-filter-options.ts reads. */
export type ReportFilterRows = {
  mailboxes: { id: string; slug: string; name: string }[];
  fields: { id: string; mailbox_id: string; key: string; label: string }[];
  values: { id: string; field_id: string; label: string }[];
  organisations: { id: string; name: string }[];
  /** The years that have tickets counted by the reports, per mailbox, newest first. */
  years: { mailbox_id: string; year: number }[];
};

/**
 * Each mailbox with its fields and their values, in the rows' order; only the
 * mailboxes whose slug is in `visible` (every one for 'all').
 */
export function presentReportFilters(
  rows: ReportFilterRows,
  visible: readonly string[] | 'all' = 'all',
): ReportFiltersDto {
  const { fields, values } = rows;
  const mailboxes = rows.mailboxes.filter((m) => visible === 'all' || visible.includes(m.slug));
  const shown = new Set(mailboxes.map((m) => m.id));
  const years = [...new Set(rows.years.filter((y) => shown.has(y.mailbox_id)).map((y) => y.year))];
  return {
    mailboxes: mailboxes.map((m) => ({
      slug: m.slug,
      name: m.name,
      fields: fields
        .filter((f) => f.mailbox_id === m.id)
        .map((f) => ({
          id: f.id,
          key: f.key,
          label: f.label,
          values: values
            .filter((v) => v.field_id === f.id)
            .map((v) => ({ id: v.id, label: v.label })),
        })),
    })),
    organisations: rows.organisations.map((o) => ({ id: o.id, name: o.name })),
    years: years.sort((a, b) => b - a),
  };
}
