/**
 * Drill-down: the tickets behind a figure of a report (a month's bar, a
 * value's row, the "Non renseigné" row), with the same scope rules as the
 * metrics (spam and deleted excluded, Paris-time periods, filters).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { maskSensitiveData } from '../../domain/privacy/sensitive-data.ts';
import { AppError } from '../../errors/app-error.ts';
import { ticketInScope } from '../metrics/report-scope.ts';
import { type ReportFilters, resolveReportScope } from './build-report-model.ts';
import { endOfPeriod, monthPeriod, type Period, startOfDay } from './period.ts';

export type DrillDown = { month?: string; fieldId?: string; valueId?: string; missing?: boolean };

export type DrilledTicket = {
  number: number;
  subject: string;
  mailbox: string;
  mailboxName: string;
  status: string;
  createdAt: Date;
  firstResponseSeconds: number | null;
};

/**
 * Tickets of `period` in the filters matching the drill-down target, newest
 * first: the page of `limit` tickets after the first `offset`, and the total.
 */
export async function listReportTickets(
  db: Kysely<DB>,
  period: Period,
  filters: ReportFilters,
  target: DrillDown,
  page: { limit: number; offset: number },
): Promise<{ total: number; tickets: DrilledTicket[] }> {
  const extra: ReportFilters = {
    ...filters,
    values: [...(filters.values ?? []), ...(target.valueId ? [target.valueId] : [])],
  };
  const scope = await resolveReportScope(db, extra);
  let range = period;
  if (target.month) {
    const month = monthPeriod(Number(target.month.slice(0, 4)), Number(target.month.slice(5, 7)));
    if (month.to < period.from || month.from > period.to)
      throw new AppError('invalid_input', 'The month is outside the period.');
    range = {
      ...period,
      // ISO dates sort as strings: the later start and the earlier end
      from: [month.from, period.from].sort()[1] ?? period.from,
      to: [month.to, period.to].sort()[0] ?? period.to,
    };
  }
  const missing =
    target.missing && target.fieldId
      ? sql`and not exists (select 1 from ticket_field_values fv where fv.ticket_id = t.id and fv.field_id = ${target.fieldId}::uuid)
            and exists (select 1 from fields f where f.id = ${target.fieldId}::uuid and f.mailbox_id = t.mailbox_id)`
      : sql``;
  const { rows } = await sql<DrilledTicket & { total: number }>`
    select t.number, t.subject, m.slug as mailbox, m.name as "mailboxName", t.status, t.created_at as "createdAt",
      t.first_response_seconds as "firstResponseSeconds", count(*) over ()::int as total
    from tickets t join mailboxes m on m.id = t.mailbox_id
    where ${ticketInScope(scope)}
      and t.created_at >= ${startOfDay(range.from)}::timestamptz and t.created_at < ${endOfPeriod(range)}::timestamptz
      ${missing}
    order by t.created_at desc, t.id desc
    limit ${page.limit} offset ${page.offset}`.execute(db);
  // A page past the end has no row to carry the total: count it alone.
  const total =
    rows[0]?.total ??
    (page.offset === 0
      ? 0
      : (
          await sql<{ total: number }>`
            select count(*)::int as total from tickets t
            where ${ticketInScope(scope)}
              and t.created_at >= ${startOfDay(range.from)}::timestamptz and t.created_at < ${endOfPeriod(range)}::timestamptz
              ${missing}`.execute(db)
        ).rows[0]?.total) ??
    0;
  return {
    total,
    // subjects are shown to every viewer: NIRs and IBANs masked (issue 8 §3)
    tickets: rows.map(({ total: _total, ...ticket }) => ({
      ...ticket,
      subject: maskSensitiveData(ticket.subject).text,
    })),
  };
}
