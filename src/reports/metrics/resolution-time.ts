/**
 * Resolution time (SPEC §4, dashboards): from a ticket's creation to its last
 * closing, over the period's closed tickets. Not in the yearly report: kept
 * (with its test) for the dashboard of the next issue, which shows it.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { endOfPeriod, type Period, startOfDay } from '../model/period.ts';
import { type ReportScope, ticketInScope } from './report-scope.ts';

export const resolutionDefinition = {
  term: 'Temps de résolution',
  text:
    'Durée entre la création du ticket et sa dernière clôture, pour les tickets de la période qui sont clos ; ' +
    'on en donne la médiane et le 90e centile.',
};

export type ResolutionTimes = {
  resolved: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
};

/** Per mailbox: closed tickets of the period and the median and 90th percentile of their resolution time. */
export async function resolutionTimes(
  db: Kysely<DB>,
  scope: ReportScope,
  period: Period,
): Promise<Map<string, ResolutionTimes>> {
  const { rows } = await sql<{
    mailbox_id: string;
    resolved: number;
    median: number | null;
    p90: number | null;
  }>`
    select t.mailbox_id, count(*)::int as resolved,
      percentile_cont(0.5) within group (order by extract(epoch from t.closed_at - t.created_at)) as median,
      percentile_cont(0.9) within group (order by extract(epoch from t.closed_at - t.created_at)) as p90
    from tickets t
    where ${ticketInScope(scope)} and t.status = 'closed' and t.closed_at is not null
      and t.created_at >= ${startOfDay(period.from)}::timestamptz and t.created_at < ${endOfPeriod(period)}::timestamptz
    group by t.mailbox_id`.execute(db);
  const round = (n: number | null) => (n === null ? null : Math.round(Number(n)));
  return new Map(
    rows.map((r) => [
      r.mailbox_id,
      { resolved: r.resolved, medianSeconds: round(r.median), p90Seconds: round(r.p90) },
    ]),
  );
}
