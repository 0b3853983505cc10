/**
 * Named prepared statements for the few hot statements of the public help
 * centre (a contact-form submission, the rate-limit counters), the session
 * lookup of every signed-in request and the inbox's page query (one text per
 * combination of filters in use). The server
 * parses and plans such a statement once per connection instead of on every
 * execution: for the submission's statement (seven data-modifying CTEs) that
 * was most of its cost in PostgreSQL.
 *
 * A caller marks a statement with `executePrepared`; the PostgreSQL client of
 * the pool (`PreparingClient`, src/db/client.ts) then sends that exact SQL
 * text under a name derived from it. Only texts that never vary may be marked
 * (variable-length data goes in array parameters), and at most `maxTexts`
 * are kept, so a mistake cannot grow this without bound. PGlite runs in the
 * process and ignores the marks. Behind a pooler in transaction mode
 * (PgBouncer), named statements need its prepared-statement support
 * (PgBouncer 1.21+, max_prepared_statements > 0).
 */
import { createHash } from 'node:crypto';
import type { CompiledQuery, Kysely } from 'kysely';
import type { DB } from './schema.ts';

const maxTexts = 100;
const names = new Map<string, string>();

/** The statement name of `sql` when it was marked as prepared. */
export function preparedName(sql: string): string | undefined {
  return names.get(sql);
}

/** Marks `sql` so that the PostgreSQL client prepares it (by name) on each connection. */
export function markPrepared(sql: string): void {
  if (names.has(sql) || names.size >= maxTexts) return;
  names.set(sql, `guichet_${createHash('sha256').update(sql).digest('hex').slice(0, 16)}`);
}

/** Runs `query` (compiled by the caller) as a prepared statement; returns its rows. */
export async function executePrepared<R>(db: Kysely<DB>, query: CompiledQuery<R>): Promise<R[]> {
  markPrepared(query.sql);
  return (await db.executeQuery(query)).rows;
}
