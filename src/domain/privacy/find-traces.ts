/**
 * Every copy of a string, wherever it is: each text-like column (text,
 * varchar, json, jsonb, text arrays, tsvector search indexes, bytea) of every
 * table of the schema, listed from information_schema at run time, so tables
 * added later are searched too; and every blob of the file store.
 *
 * An erasure checks its work with it; `scrubTraces` replaces what is left in
 * free-text columns (audit details, outbox errors, mentions in other people's
 * tickets…).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { likePattern, regexLiteral } from './person-query.ts';

export type TextColumn = {
  table: string;
  column: string;
  /** information_schema data_type: text, character varying, jsonb, ARRAY, tsvector, bytea… */
  type: string;
  generated: boolean;
};

export type Trace = { table: string; column: string; rows: number };

/** The text-like columns of every base table of the current schema. */
export async function textColumns(db: Kysely<DB>): Promise<TextColumn[]> {
  const { rows } = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_generated: string;
  }>`
    select c.table_name, c.column_name, c.data_type, c.is_generated
    from information_schema.columns c
    join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'tsvector', 'bytea')
        or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar')))
    order by c.table_name, c.ordinal_position`.execute(db);
  return rows.map((r) => ({
    table: r.table_name,
    column: r.column_name,
    type: r.data_type,
    generated: r.is_generated === 'ALWAYS',
  }));
}

/** A condition true when `column` contains `term`, ignoring case. */
function contains(column: TextColumn, term: string) {
  const ref = sql.id(column.column);
  if (column.type === 'bytea') {
    // bytes: the UTF-8 encoding of the term, in either case
    return sql<boolean>`(position(convert_to(${term}, 'UTF8') in ${ref}) > 0
      or position(convert_to(lower(${term}), 'UTF8') in ${ref}) > 0)`;
  }
  const text = column.type === 'text' || column.type === 'character varying';
  return sql<boolean>`${text ? ref : sql`${ref}::text`} ilike ${likePattern(term)}`;
}

/** Every column of the database holding `term` (case-insensitive), with its row count. */
export async function findTraces(db: Kysely<DB>, term: string): Promise<Trace[]> {
  const traces: Trace[] = [];
  for (const column of await textColumns(db)) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.id(column.table)} where ${contains(column, term)}`.execute(
      db,
    );
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) traces.push({ table: column.table, column: column.column, rows: n });
  }
  return traces;
}

/**
 * Tables whose text is configuration or accounts, never a person's request:
 * an erasure does not rewrite them (a staff account is disabled, not scrubbed).
 */
const notScrubbed = new Set([
  'schema_migrations',
  'settings',
  'mailboxes',
  'mailbox_addresses',
  'mailbox_mail_settings',
  'mail_connection_checks',
  'users',
  'user_mailboxes',
  'sessions',
  'fields',
  'field_values',
  'organisations',
  'organisation_domains',
  'tags',
  'imap_cursors',
  'job_leases',
]);

/**
 * Identifier columns whose format is checked by the schema (a numéro unique
 * is 18 letters and digits): `[effacé]` cannot be written into them, and a
 * partly rewritten identifier means nothing, so a match empties them.
 */
const nulledWhenMatched = new Set(['portal_ticket_context.numero_unique']);

/** What replaces an erased string in free text. */
export const erasedMark = '[effacé]';

/**
 * Replaces `term` (case-insensitive) by `[effacé]` in every writable text,
 * JSON and text-array column outside configuration tables (checked
 * identifiers are emptied instead). Generated columns (search indexes)
 * follow their sources. Returns the columns changed.
 */
export async function scrubTraces(db: Kysely<DB>, term: string): Promise<Trace[]> {
  const changed: Trace[] = [];
  const regex = regexLiteral(term);
  for (const column of await textColumns(db)) {
    if (column.generated || notScrubbed.has(column.table)) continue;
    if (column.type === 'bytea' || column.type === 'tsvector') continue;
    const ref = sql.id(column.column);
    const replaced = sql`regexp_replace(${ref}::text, ${regex}, ${erasedMark}, 'gi')`;
    const value = nulledWhenMatched.has(`${column.table}.${column.column}`)
      ? sql`null`
      : column.type === 'jsonb'
        ? sql`${replaced}::jsonb`
        : column.type === 'json'
          ? sql`${replaced}::json`
          : column.type === 'ARRAY'
            ? sql`${replaced}::text[]`
            : replaced;
    const result = await sql`
      update ${sql.id(column.table)} set ${ref} = ${value}
      where ${contains(column, term)}`.execute(db);
    const n = Number(result.numAffectedRows ?? 0);
    if (n > 0) changed.push({ table: column.table, column: column.column, rows: n });
  }
  return changed;
}

/** Whether `bytes` contain `term`, read as UTF-8 or as Latin-1, ignoring case. */
export function bytesMention(bytes: Buffer | null, term: string): boolean {
  if (!bytes) return false;
  const needle = term.toLowerCase();
  return (
    bytes.toString('utf8').toLowerCase().includes(needle) ||
    bytes.toString('latin1').toLowerCase().includes(needle)
  );
}

/** Hashes of the blobs whose bytes contain `term` (as UTF-8 or Latin-1, any case). */
export async function findBlobTraces(blobs: BlobStore, term: string): Promise<string[]> {
  const found: string[] = [];
  for await (const hash of blobs.list()) {
    if (bytesMention(await blobs.get(hash).catch(() => null), term)) found.push(hash);
  }
  return found;
}
