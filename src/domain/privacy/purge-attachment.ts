/**
 * One-click purge of an attachment (an identity document sent by mistake):
 * the row goes, a tombstone keeps its type, size and kind (not its name, which
 * often names the person), the audit log says who purged it, and the bytes
 * leave the store unless another row still references them. The raw mail the
 * attachment came in also holds its bytes, so the message's raw mail goes too.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { isUuid } from '../../shared/uuid.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { removeUnreferencedBlobs } from './blob-references.ts';
import { documentKindOf } from './identity-documents.ts';

/** Purges attachment `id`; not_found when there is none. Returns whether blobs were removed. */
export async function purgeAttachment(
  db: Kysely<DB>,
  blobs: BlobStore,
  id: string,
  actor: Actor,
): Promise<{ blobsRemoved: number }> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such attachment.');
  const candidates = await db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('attachments')
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such attachment.');
    const kind = documentKindOf(row.filename, row.content_type);
    await trx
      .insertInto('attachment_tombstones')
      .values({
        id: row.id,
        ticket_id: row.ticket_id,
        message_id: row.message_id,
        content_type: row.content_type,
        size_bytes: row.size_bytes,
        document_kind: kind,
        purged_by: actor.userId,
      })
      .execute();
    // `returning` gives the new (null) value: read the hash first
    const raw =
      row.message_id === null
        ? undefined
        : await trx
            .selectFrom('messages')
            .select('raw_sha256')
            .where('id', '=', row.message_id)
            .executeTakeFirst();
    if (row.message_id !== null)
      await trx
        .updateTable('messages')
        .set({ raw_sha256: null })
        .where('id', '=', row.message_id)
        .execute();
    await recordAudit(trx, {
      action: 'privacy.attachment_purged',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      ip: actor.ip ?? null,
      targetType: 'attachment',
      targetId: row.id,
      details: { ticketId: row.ticket_id, documentKind: kind, sizeBytes: row.size_bytes },
    });
    return [row.sha256, ...(raw?.raw_sha256 ? [raw.raw_sha256] : [])];
  });
  return { blobsRemoved: await removeUnreferencedBlobs(db, blobs, candidates) };
}
