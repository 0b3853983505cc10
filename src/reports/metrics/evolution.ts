/**
 * Yearly evolution (report 3B): tickets per mailbox and per year, from the
 * first year with data up to the report's year. Years with no detailed
 * tickets use the imported yearly totals (`yearly_totals`), so the chart can
 * start before Guichet or Help Scout held the tickets.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { startOfDay } from '../model/period.ts';
import { type ReportScope, ticketInScope } from './report-scope.ts';

export const evolutionDefinition = {
  term: 'Évolution',
  text:
    'Nombre de tickets de chaque support par année civile, depuis la première année pour laquelle des données existent. ' +
    'Les années antérieures aux tickets détaillés reprennent les totaux annuels importés.',
};

export type EvolutionYear = { year: number; tickets: Map<string, number>; imported: Set<string> };

/**
 * Tickets per year for each mailbox of the scope, up to `lastYear` included.
 * Imported totals count only for mailbox-years with no detailed ticket, and
 * only when the scope has no filter (they cannot be broken down).
 */
export async function yearlyEvolution(
  db: Kysely<DB>,
  scope: ReportScope,
  lastYear: number,
): Promise<EvolutionYear[]> {
  if (scope.mailboxIds.length === 0) return [];
  const filtered = scope.valueGroups.length > 0 || scope.organisationId !== undefined;
  const totals = filtered
    ? []
    : await db
        .selectFrom('yearly_totals')
        .select(['mailbox_id', 'year', 'tickets'])
        .where('mailbox_id', 'in', scope.mailboxIds)
        .where('year', '<=', lastYear)
        .execute();
  const first = await sql<{ first: Date | null }>`
    select min(t.created_at) as first from tickets t where ${ticketInScope(scope)}`.execute(db);
  const firstDetailed = first.rows[0]?.first;
  const firstYear = Math.min(
    ...totals.map((t) => t.year),
    firstDetailed ? parisYear(firstDetailed) : Number.POSITIVE_INFINITY,
  );
  if (!Number.isFinite(firstYear) || firstYear > lastYear) return [];
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  // Year starts as thresholds: comparisons on instants, no per-row time zone conversion.
  const thresholds = [...years, lastYear + 1].map((y) => startOfDay(`${y}-01-01`).toISOString());
  const { rows } = await sql<{ mailbox_id: string; b: number; n: number }>`
    select t.mailbox_id, width_bucket(t.created_at, ${thresholds}::timestamptz[]) as b, count(*)::int as n
    from tickets t
    where ${ticketInScope(scope)}
      and t.created_at >= ${thresholds[0]}::timestamptz and t.created_at < ${thresholds[thresholds.length - 1]}::timestamptz
    group by 1, 2`.execute(db);
  const result = years.map((year) => ({
    year,
    tickets: new Map<string, number>(),
    imported: new Set<string>(),
  }));
  for (const row of rows) result[row.b - 1]?.tickets.set(row.mailbox_id, row.n);
  for (const total of totals) {
    const entry = result[total.year - firstYear];
    if (entry && !entry.tickets.has(total.mailbox_id)) {
      entry.tickets.set(total.mailbox_id, total.tickets);
      entry.imported.add(total.mailbox_id);
    }
  }
  return result;
}

function parisYear(at: Date): number {
  return Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' }).format(at),
  );
}
