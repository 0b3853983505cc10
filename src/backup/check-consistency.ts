/**
 * `guichet check`: is the database consistent with itself, with the code's
 * migrations and with the file store?
 * - every migration of this version applied, with the same checksum, and none unknown;
 * - every blob referenced by messages (raw mail), attachments and dead letters
 *   present in DATA_DIR/blobs with the right SHA-256;
 * - no row that contradicts another (a message in another mailbox than its
 *   ticket, a field value of another field, an attachment of another ticket's
 *   message, a rating of another ticket's reply, a ticket merged into itself).
 * Blobs nothing references are reported as a warning (not an error).
 */
import { type Kysely, sql } from 'kysely';
import { loadMigrations } from '../db/migrate.ts';
import type { DB } from '../db/schema.ts';
import { blobFileOf, hashFile, listBlobFiles } from './blob-files.ts';

export type CheckReport = {
  problems: string[];
  warnings: string[];
  checked: { migrations: number; blobs: number; rules: number };
};

const shown = 20;

/** Rows that contradict each other; each query returns up to `shown` ids as text. */
const rules: { label: string; query: ReturnType<typeof sql<{ id: string }>> }[] = [
  {
    label: 'message stored in another mailbox than its ticket',
    query: sql`select m.id::text as id from messages m join tickets t on t.id = m.ticket_id
      where m.mailbox_id <> t.mailbox_id order by m.id limit ${shown}`,
  },
  {
    label: 'ticket classification value that belongs to another field',
    query: sql`select tfv.ticket_id::text || '/' || tfv.field_id::text as id from ticket_field_values tfv
      join field_values v on v.id = tfv.value_id where v.field_id <> tfv.field_id limit ${shown}`,
  },
  {
    label: 'ticket classified with a field of another mailbox',
    query: sql`select tfv.ticket_id::text || '/' || tfv.field_id::text as id from ticket_field_values tfv
      join tickets t on t.id = tfv.ticket_id join fields f on f.id = tfv.field_id
      where f.mailbox_id <> t.mailbox_id limit ${shown}`,
  },
  {
    label: "attachment of another ticket's message",
    query: sql`select a.id::text as id from attachments a join messages m on m.id = a.message_id
      where m.ticket_id <> a.ticket_id limit ${shown}`,
  },
  {
    label: "rating of another ticket's reply",
    query: sql`select r.id::text as id from ratings r join messages m on m.id = r.message_id
      where m.ticket_id <> r.ticket_id limit ${shown}`,
  },
  {
    label: 'ticket merged into itself',
    query: sql`select id::text as id from tickets where merged_into_id = id limit ${shown}`,
  },
];

export async function checkConsistency(db: Kysely<DB>, blobsRoot: string): Promise<CheckReport> {
  const problems: string[] = [];
  const warnings: string[] = [];

  const known = await loadMigrations();
  const applied = await db
    .selectFrom('schema_migrations')
    .select(['version', 'name', 'checksum'])
    .execute()
    .catch(() => []);
  for (const m of known) {
    const row = applied.find((a) => a.version === m.version);
    if (!row) problems.push(`migration ${m.version} (${m.name}) is not applied`);
    else if (row.checksum !== m.checksum)
      problems.push(`migration ${m.version} (${m.name}) was applied from a different file`);
  }
  for (const a of applied)
    if (!known.some((m) => m.version === a.version))
      problems.push(`migration ${a.version} (${a.name}) is unknown to this version of Guichet`);

  for (const rule of rules) {
    const { rows } = await rule.query.execute(db);
    if (rows.length > 0)
      problems.push(
        `${rule.label}: ${rows.map((r) => r.id).join(', ')}${rows.length >= shown ? ', …' : ''}`,
      );
  }

  const referenced = new Map<string, string>();
  const refs = await sql<{ sha: string; what: string }>`
    select raw_sha256 as sha, 'raw mail of message ' || id as what from messages where raw_sha256 is not null
    union all
    select sha256, 'attachment ' || id || ' of ticket ' || ticket_id from attachments
    union all
    select raw_sha256, 'dead letter ' || id from dead_letters`.execute(db);
  for (const r of refs.rows) if (!referenced.has(r.sha)) referenced.set(r.sha, r.what);
  let missing = 0;
  let damaged = 0;
  for (const [sha, what] of referenced) {
    const actual = await hashFile(blobFileOf(blobsRoot, sha));
    if (actual === null) {
      missing += 1;
      if (missing <= shown) problems.push(`missing blob ${sha} (${what})`);
    } else if (actual !== sha) {
      damaged += 1;
      if (damaged <= shown)
        problems.push(`damaged blob ${sha}: its bytes hash to ${actual} (${what})`);
    }
  }
  if (missing > shown) problems.push(`… ${missing - shown} more missing blobs`);
  if (damaged > shown) problems.push(`… ${damaged - shown} more damaged blobs`);

  const stored = await listBlobFiles(blobsRoot);
  const unreferenced = stored.filter(([sha]) => !referenced.has(sha)).length;
  if (unreferenced > 0)
    warnings.push(`${unreferenced} stored blob(s) referenced by nothing (safe to keep)`);

  return {
    problems,
    warnings,
    checked: { migrations: known.length, blobs: referenced.size, rules: rules.length },
  };
}
