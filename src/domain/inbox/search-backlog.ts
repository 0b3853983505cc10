/**
 * The search backlog (migration 0011): messages written in bulk (the history
 * import) are stored with `search_pending` and no search entry, so the import
 * does not stem every body while it writes. This job derives their text from
 * the HTML body when they have none, flags the sensitive numbers they hold,
 * and clears the flag, a slice at a time, which puts them in the search index. `guichet serve` runs it in the
 * background (a poll job of the runner); `guichet import` ends by telling how many messages wait.
 * Several instances may run it at once: each claims its rows with SKIP LOCKED.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PollJob } from '../../jobs/runner/types.ts';
import { sensitiveKindsOf } from '../privacy/sensitive-kinds.ts';

/**
 * Indexes up to `limit` pending messages and flags the NIRs and IBANs they hold
 * (`sensitive_kinds`, as mail, notes and replies are flagged when written), or,
 * when no message waits, up to `limit` tickets without a search document;
 * returns how many it indexed.
 */
export async function indexSearchBacklog(db: Kysely<DB>, limit = 500): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      id: number;
      subject: string | null;
      body_text: string | null;
      body_html: string | null;
    }>`
      select id, subject, body_text, body_html from messages where search_pending
      order by id limit ${limit} for update skip locked`.execute(trx);
    if (rows.length === 0) return indexTicketDocuments(trx, limit);
    await sql`
      update messages m
      set body_text = coalesce(m.body_text, guichet_html_text(m.body_html)), search_pending = false
      where m.id = any(${rows.map((row) => row.id)}::bigint[])`.execute(trx);
    const flagged = rows
      .map((row) => ({
        id: row.id,
        kinds: sensitiveKindsOf({ subject: row.subject, text: row.body_text, html: row.body_html }),
      }))
      .filter((row) => row.kinds.length > 0);
    if (flagged.length > 0) {
      await sql`
        update messages m set sensitive_kinds = x.kinds
        from json_to_recordset(${JSON.stringify(flagged)}::json) as x(id bigint, kinds text[])
        where m.id = x.id`.execute(trx);
    }
    return rows.length;
  });
}

/**
 * Makes the search documents (migration 0012) of up to `limit` tickets written in
 * bulk without one; the tickets whose messages the job indexes get theirs from the
 * messages' trigger, so this is only for the others (a subject changed by a re-import).
 */
async function indexTicketDocuments(trx: Kysely<DB>, limit: number): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    update tickets t set search_document = guichet_ticket_document(t.id, t.subject, t.contact_id)
    where t.id in (select id from tickets where search_document is null
      order by id limit ${limit} for update skip locked)
    returning t.id`.execute(trx);
  return rows.length;
}

/** How many messages wait to be searchable. */
export async function searchBacklogSize(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('search_pending', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The backlog as a poll job of the runner (src/jobs/registry.ts): slices back
 * to back while rows remain (the runner yields between them so requests go
 * first), then a look every `idleMs`. Errors are reported and retried at the
 * next look.
 */
export function searchBacklogJob(db: Kysely<DB>, idleMs = 30_000): PollJob {
  return {
    kind: 'poll',
    name: 'search-backlog',
    everyMs: idleMs,
    run: async () => (await indexSearchBacklog(db)) > 0,
  };
}
