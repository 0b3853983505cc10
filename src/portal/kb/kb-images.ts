/**
 * Images of articles and site logos: PNG or JPEG recognised by their bytes,
 * stored in the content-addressed store and listed in `kb_images`, which is
 * what makes them public (`/aide/images/<sha256>`). Ticket attachments share
 * the store and are never listed there.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, recordAudit } from '../../domain/audit/record-audit.ts';
import { AppError } from '../../errors/app-error.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { detectFileKind } from '../form/attachments.ts';

export async function storeKbImage(
  db: Kysely<DB>,
  blobs: BlobStore,
  bytes: Buffer,
  actor: Actor,
): Promise<{ sha256: string; url: string }> {
  const kind = await detectFileKind(bytes);
  if (!kind || (kind.ext !== 'png' && kind.ext !== 'jpg'))
    throw new AppError('invalid_input', 'Only PNG and JPEG images are accepted.');
  const stored = await blobs.put(bytes);
  await db
    .insertInto('kb_images')
    .values({
      sha256: stored.sha256,
      content_type: kind.contentType as 'image/png' | 'image/jpeg',
      size_bytes: stored.size,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  await recordAudit(db, {
    action: 'kb.image_uploaded',
    actorUserId: actor.userId,
    targetType: 'kb_image',
    targetId: stored.sha256,
    ip: actor.ip,
  });
  return { sha256: stored.sha256, url: `/aide/images/${stored.sha256}` };
}
