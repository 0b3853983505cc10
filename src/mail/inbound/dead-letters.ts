/**
 * Inbound mail Guichet could not take in (RELIABILITY F9): the raw bytes stay
 * in the blob store, a row says why, supervisors list and reprocess them.
 * Reprocessing goes through the same pipeline, so it imports a mail once.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type DeadLetterSource = 'smtp' | 'imap' | 'reprocess';

/** Records (or records again) a mail that could not be processed. */
export async function recordDeadLetter(
  db: Kysely<DB>,
  entry: { mailboxId: string | null; rawSha256: string; source: DeadLetterSource; reason: string },
): Promise<number> {
  const reason = entry.reason.replaceAll('\0', '').slice(0, 1000);
  const row = await db
    .insertInto('dead_letters')
    .values({
      mailbox_id: entry.mailboxId,
      raw_sha256: entry.rawSha256,
      source: entry.source,
      reason,
    })
    .onConflict((oc) =>
      oc.columns(['mailbox_id', 'raw_sha256']).doUpdateSet((eb) => ({
        reason,
        attempts: eb('dead_letters.attempts', '+', 1),
        resolved_at: null,
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type DeadLetter = {
  id: number;
  mailboxId: string | null;
  rawSha256: string;
  source: DeadLetterSource;
  reason: string;
  attempts: number;
  receivedAt: Date;
};

/** The unresolved dead letters, oldest first. */
export async function listDeadLetters(db: Kysely<DB>, limit = 200): Promise<DeadLetter[]> {
  const rows = await db
    .selectFrom('dead_letters')
    .selectAll()
    .where('resolved_at', 'is', null)
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    mailboxId: r.mailbox_id,
    rawSha256: r.raw_sha256,
    source: r.source,
    reason: r.reason,
    attempts: r.attempts,
    receivedAt: r.received_at,
  }));
}
