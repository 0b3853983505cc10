/** The report filters' rows (reports/model/report-filter-options.ts) → API JSON. */
import type { ReportFiltersDto } from '../shared/contracts.ts';

/** What reports/model/report-filter-options.ts reads. */
export type ReportFilterRows = {
  mailboxes: { id: string; slug: string; name: string }[];
  fields: { id: string; mailbox_id: string; key: string; label: string }[];
  values: { id: string; field_id: string; label: string }[];
  organisations: { id: string; name: string }[];
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
  return {
    mailboxes: rows.mailboxes
      .filter((m) => visible === 'all' || visible.includes(m.slug))
      .map((m) => ({
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
  };
}
