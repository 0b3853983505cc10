/**
 * Tickets of a period per tag (issue 18 §5): the tickets of the period (as
 * "Tickets": by creation date, spam and deleted excluded) carrying each tag.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Period } from '../model/period.ts';
import { createdInPeriods, type ReportScope, ticketInScope } from './report-scope.ts';

export type TagCount = { tagId: string; name: string; tickets: number };

/** Tags of the period's tickets, most used first. */
export async function ticketsPerTag(
  db: Kysely<DB>,
  scope: ReportScope,
  period: Period,
): Promise<TagCount[]> {
  if (scope.mailboxIds.length === 0) return [];
  const { rows } = await sql<{ tag_id: string; name: string; tickets: number }>`
    select g.id as tag_id, g.name, count(*)::int as tickets
    from tickets t
    join ticket_tags tt on tt.ticket_id = t.id
    join tags g on g.id = tt.tag_id
    where ${ticketInScope(scope)} and ${createdInPeriods(sql`t.created_at`, [period])}
    group by g.id, g.name
    order by tickets desc, g.name`.execute(db);
  return rows.map((r) => ({ tagId: r.tag_id, name: r.name, tickets: r.tickets }));
}
