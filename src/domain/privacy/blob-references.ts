/**
 * Removing blobs that no row references any more. The store is
 * content-addressed, so the same bytes may belong to several tickets (a form
 * attached by many people, a mail delivered to two mailboxes): a blob goes
 * only when no attachment, message (raw mail) or dead letter names its hash.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { BlobStore } from '../../storage/blob-store.ts';

/** The hashes among `hashes` that some row still references. */
async function referenced(db: Kysely<DB>, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const [attachments, messages, deadLetters] = await Promise.all([
    db
      .selectFrom('attachments')
      .select('sha256 as h')
      .where(sql<boolean>`sha256 = any(${hashes}::text[])`)
      .execute(),
    db
      .selectFrom('messages')
      .select('raw_sha256 as h')
      .where(sql<boolean>`raw_sha256 = any(${hashes}::text[])`)
      .execute(),
    db
      .selectFrom('dead_letters')
      .select('raw_sha256 as h')
      .where(sql<boolean>`raw_sha256 = any(${hashes}::text[])`)
      .execute(),
  ]);
  return new Set([...attachments, ...messages, ...deadLetters].map((r) => r.h ?? ''));
}

/**
 * Deletes from `blobs` every hash of `candidates` that no row references.
 * Call it after the transaction that dropped the references has committed.
 * Returns how many blobs were removed.
 */
export async function removeUnreferencedBlobs(
  db: Kysely<DB>,
  blobs: BlobStore,
  candidates: Iterable<string>,
): Promise<number> {
  const unique = [...new Set(candidates)];
  let removed = 0;
  for (let start = 0; start < unique.length; start += 500) {
    const chunk = unique.slice(start, start + 500);
    const kept = await referenced(db, chunk);
    for (const hash of chunk) {
      if (kept.has(hash)) continue;
      if (await blobs.has(hash)) removed += 1;
      await blobs.remove(hash);
    }
  }
  return removed;
}
