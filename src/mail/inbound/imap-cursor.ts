/**
 * The IMAP position of a mailbox folder, and the lease that lets one worker
 * at a time sync it (RELIABILITY F3). The cursor is `(UIDVALIDITY, last UID)`,
 * never a date window (F6); it only moves after the mail up to that UID is
 * committed (I2). A changed UIDVALIDITY restarts from UID 0 (F7): the
 * rescan is deduplicated by Message-ID.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type Cursor = { uidvalidity: number; lastUid: number };

/** Takes the folder's lease for `owner` unless another live worker holds it; the cursor, or null. */
export async function acquireCursor(
  db: Kysely<DB>,
  key: { mailboxId: string; folder: string },
  owner: string,
  leaseMs: number,
): Promise<Cursor | null> {
  await db
    .insertInto('imap_cursors')
    .values({ mailbox_id: key.mailboxId, folder: key.folder, uidvalidity: 0 })
    .onConflict((oc) => oc.columns(['mailbox_id', 'folder']).doNothing())
    .execute();
  const row = await db
    .updateTable('imap_cursors')
    .set({
      lease_owner: owner,
      lease_until: sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval`,
    })
    .where('mailbox_id', '=', key.mailboxId)
    .where('folder', '=', key.folder)
    .where((eb) =>
      eb.or([
        eb('lease_until', 'is', null),
        eb('lease_until', '<', sql<Date>`now()`),
        eb('lease_owner', '=', owner),
      ]),
    )
    .returning(['uidvalidity', 'last_uid'])
    .executeTakeFirst();
  return row ? { uidvalidity: Number(row.uidvalidity), lastUid: Number(row.last_uid) } : null;
}

/** Moves the cursor (only forward within one UIDVALIDITY, or to a new UIDVALIDITY). */
export async function advanceCursor(
  db: Kysely<DB>,
  key: { mailboxId: string; folder: string },
  cursor: Cursor,
): Promise<void> {
  await db
    .updateTable('imap_cursors')
    .set({ uidvalidity: cursor.uidvalidity, last_uid: cursor.lastUid, updated_at: new Date() })
    .where('mailbox_id', '=', key.mailboxId)
    .where('folder', '=', key.folder)
    .execute();
}

/** Gives the lease back so another worker may sync at once. */
export async function releaseCursor(
  db: Kysely<DB>,
  key: { mailboxId: string; folder: string },
  owner: string,
): Promise<void> {
  await db
    .updateTable('imap_cursors')
    .set({ lease_owner: null, lease_until: null })
    .where('mailbox_id', '=', key.mailboxId)
    .where('folder', '=', key.folder)
    .where('lease_owner', '=', owner)
    .execute();
}
