/**
 * Where the notification consumer stands in the ticket event stream, by
 * windows of transactions rather than by ids alone (issue 18 §4).
 *
 * An event's id is taken at insert and seen at commit, and a transaction's id
 * (`tx`) is taken at its first write: a transaction may hold a smaller event id
 * and a larger `tx` than one that commits before it. A cursor on ids alone
 * could then pass an event for good. So the consumer handles every event of the
 * transactions with `tx` in [done_tx, window_tx), in id order (`last_id` within
 * the window), where `window_tx` is a horizon below which every transaction of
 * this database has ended: no event can appear there any more. The horizon is
 * read from this database's running transactions only (pg_stat_activity), so a
 * long transaction in another database of the server (a benchmark, another
 * application, a dump) does not hold notifications back.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * The oldest transaction id (xid8, as text) still running in this database
 * besides the caller's, or the caller's own when none: every transaction of
 * this database below it has ended. Read in its own statement, before the
 * events are read (each statement sees what committed before it started).
 */
export async function databaseHorizon(trx: Transaction<DB>): Promise<string> {
  const { rows } = await sql<{ horizon: string }>`
    with cur as (select pg_current_xact_id()::text::numeric as c),
    running as (
      select a.backend_xid::text::numeric as x from pg_stat_activity a
      where a.datname = current_database() and a.backend_xid is not null
        and a.pid <> pg_backend_pid())
    select least(cur.c, min(cur.c - mod(cur.c, 4294967296) + running.x
        - case when running.x > mod(cur.c, 4294967296) then 4294967296 else 0 end))::text
      as horizon
    from cur left join running on true group by cur.c`.execute(trx);
  const horizon = rows[0]?.horizon;
  if (horizon === undefined) throw new Error('no transaction horizon');
  return horizon;
}
