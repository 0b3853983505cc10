/**
 * Files an agent attaches in the composer (issue 19 §1), before the reply,
 * note, forward or new conversation that carries them is written. The bytes
 * were checked (by their bytes, never their name: src/portal/form/attachments.ts)
 * and stored in the blob store by the route; here only their rows. A sent
 * message takes its uploads in its own transaction: each becomes an
 * `attachments` row of the message, and the upload is marked used (a withdrawn
 * reply gives them back to the draft).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { composerLimits } from '../../shared/composer-contracts.ts';

export type NewUpload = {
  userId: string;
  ticketId: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  pasted: boolean;
};

/** Records an upload; refused when the agent's unsent files on this ticket would pass the limits. */
export async function recordUpload(trx: Transaction<DB>, upload: NewUpload) {
  const pending = await trx
    .selectFrom('composer_uploads')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>('size_bytes').as('bytes'),
    ])
    .where('ticket_id', '=', upload.ticketId)
    .where('user_id', '=', upload.userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(pending.count) >= composerLimits.maxFiles)
    throw new AppError('invalid_input', `At most ${composerLimits.maxFiles} files per message.`);
  if (Number(pending.bytes ?? 0) + upload.size > composerLimits.maxTotalBytes)
    throw new AppError('invalid_input', 'The files of one message may not pass 20 MB together.');
  return trx
    .insertInto('composer_uploads')
    .values({
      user_id: upload.userId,
      ticket_id: upload.ticketId,
      filename: upload.filename,
      content_type: upload.contentType,
      size_bytes: upload.size,
      sha256: upload.sha256,
      pasted: upload.pasted,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The uploads `ids` become attachments of message `messageId` (of `ticketId`,
 * by `userId`). AppError('invalid_input') when one is not the agent's unsent
 * upload on this ticket (someone else's, already sent, or unknown).
 */
export async function attachUploads(
  trx: Transaction<DB>,
  options: { ticketId: number; userId: string; messageId: number; ids: readonly string[] },
): Promise<number> {
  const ids = [...new Set(options.ids)];
  if (ids.length === 0) return 0;
  if (ids.length > composerLimits.maxFiles)
    throw new AppError('invalid_input', `At most ${composerLimits.maxFiles} files per message.`);
  const uploads = await trx
    .updateTable('composer_uploads')
    .set({ used_at: new Date() })
    .where('id', 'in', ids)
    .where('ticket_id', '=', options.ticketId)
    .where('user_id', '=', options.userId)
    .where('used_at', 'is', null)
    .returningAll()
    .execute();
  if (uploads.length !== ids.length)
    throw new AppError('invalid_input', 'An attachment is unknown or was already sent.');
  // In the order the agent attached them (the mail lists its parts by creation time).
  const order = new Map(ids.map((id, index) => [id, index]));
  uploads.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const base = Date.now();
  await trx
    .insertInto('attachments')
    .values(
      uploads.map((u, index) => ({
        created_at: new Date(base + index),
        // The attachment keeps the upload's id: a withdrawn reply finds its uploads again.
        id: u.id,
        ticket_id: options.ticketId,
        message_id: options.messageId,
        filename: u.filename,
        content_type: u.content_type,
        size_bytes: u.size_bytes,
        sha256: u.sha256,
        content_id: null,
        is_inline: false,
      })),
    )
    .execute();
  return uploads.length;
}

/** The agent's unsent uploads among `ids` (a draft's files, as the composer shows them). */
export async function uploadsOf(
  db: Pick<Transaction<DB>, 'selectFrom'>,
  userId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('composer_uploads')
    .selectAll()
    .where('id', 'in', [...ids])
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/** Removes one of the agent's unsent uploads (the blob stays for the store's collector); false when none. */
export async function discardUpload(
  db: Kysely<DB>,
  upload: { id: string; ticketId: number; userId: string },
): Promise<boolean> {
  const removed = await db
    .deleteFrom('composer_uploads')
    .where('id', '=', upload.id)
    .where('ticket_id', '=', upload.ticketId)
    .where('user_id', '=', upload.userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}

/** Unsent uploads are kept this long (a draft left for a month loses its files). */
export const unsentUploadDays = 30;

/** Housekeeping: forgets unsent uploads older than `unsentUploadDays` (their blobs stay, like a message's). */
export async function purgeStaleUploads(db: Kysely<DB>, now = new Date()): Promise<void> {
  await db
    .deleteFrom('composer_uploads')
    .where('used_at', 'is', null)
    .where('created_at', '<', new Date(now.getTime() - unsentUploadDays * 86_400_000))
    .execute();
}
