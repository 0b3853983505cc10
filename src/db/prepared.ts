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
/**
 * Texts that vary with their caller's input (the inbox's page query: one text per
 * combination of filters, sizes and visible mailboxes) take at most this many of
 * the marks, so that the statements whose text never varies always find one.
 */
const maxVarying = 60;
const names = new Map<string, string>();
let varying = 0;

/** The statement name of `sql` when it was marked as prepared. */
export function preparedName(sql: string): string | undefined {
  return names.get(sql);
}

/**
 * Marks `sql` so that the PostgreSQL client prepares it (by name) on each
 * connection; `varies`: one of many texts of one caller (see `maxVarying`).
 */
export function markPrepared(sql: string, varies = false): void {
  if (names.has(sql) || names.size >= maxTexts) return;
  if (varies) {
    if (varying >= maxVarying) return;
    varying += 1;
  }
  names.set(sql, `guichet_${createHash('sha256').update(sql).digest('hex').slice(0, 16)}`);
}

/**
 * Runs `query` (compiled by the caller) as a prepared statement; returns its rows.
 * A text that is not marked (over the bounds above) runs as an ordinary statement.
 */
export async function executePrepared<R>(
  db: Kysely<DB>,
  query: CompiledQuery<R>,
  options: { varies?: boolean } = {},
): Promise<R[]> {
  markPrepared(query.sql, options.varies);
  return (await db.executeQuery(query)).rows;
}
