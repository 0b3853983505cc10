/**
 * Satisfaction (SPEC §4): every agent reply carries a one-click rating (Très
 * bien / Correct / Pas satisfait). A rating counts in the period of the rated
 * reply; the last rating given to a reply is the one that counts.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { percentOf } from '../../shared/reports/format.ts';
import { endOfPeriod, type Period, startOfDay } from '../model/period.ts';
import { type ReportScope, ticketInScope } from './report-scope.ts';

export type RatingCounts = { great: number; okay: number; notGood: number };

export const satisfactionDefinition = {
  term: 'Satisfaction',
  text:
    'Chaque réponse envoyée propose une évaluation en un clic : Très bien, Correct ou Pas satisfait. ' +
    'Une évaluation compte dans la période de la réponse évaluée. Satisfaits = Très bien + Correct ; ' +
    'les parts sont calculées sur le nombre d’avis.',
};

const empty = (): RatingCounts => ({ great: 0, okay: 0, notGood: 0 });

/** Per mailbox: ratings by level in `current` and `previous`, by the date of the rated reply. */
export async function ratingsOfPeriod(
  db: Kysely<DB>,
  scope: ReportScope,
  current: Period,
  previous: Period,
): Promise<Map<string, { current: RatingCounts; previous: RatingCounts }>> {
  const cur = [startOfDay(current.from), endOfPeriod(current)] as const;
  const prev = [startOfDay(previous.from), endOfPeriod(previous)] as const;
  const { rows } = await sql<{ mailbox_id: string; is_current: boolean; level: string; n: number }>`
    select m.mailbox_id, (m.created_at >= ${cur[0]}::timestamptz) as is_current, r.level, count(*)::int as n
    from ratings r
    join messages m on m.id = r.message_id
    join tickets t on t.id = r.ticket_id
    where m.mailbox_id = any(${scope.mailboxIds}::uuid[])
      and ((m.created_at >= ${prev[0]}::timestamptz and m.created_at < ${prev[1]}::timestamptz)
        or (m.created_at >= ${cur[0]}::timestamptz and m.created_at < ${cur[1]}::timestamptz))
      and ${ticketInScope(scope)}
    group by 1, 2, 3`.execute(db);
  const result = new Map<string, { current: RatingCounts; previous: RatingCounts }>();
  for (const row of rows) {
    let entry = result.get(row.mailbox_id);
    if (!entry) {
      entry = { current: empty(), previous: empty() };
      result.set(row.mailbox_id, entry);
    }
    const counts = row.is_current ? entry.current : entry.previous;
    if (row.level === 'great') counts.great += row.n;
    else if (row.level === 'okay') counts.okay += row.n;
    else counts.notGood += row.n;
  }
  return result;
}

/** Number of ratings and the satisfied / not satisfied split in whole percent ("97 % - 3 %"). */
export function satisfactionSplit(counts: RatingCounts): {
  total: number;
  satisfied: number;
  notSatisfied: number;
} {
  const total = counts.great + counts.okay + counts.notGood;
  const satisfied = percentOf(counts.great + counts.okay, total, 0);
  return { total, satisfied, notSatisfied: total === 0 ? 0 : 100 - satisfied };
}
