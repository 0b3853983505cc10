/**
 * Attachment downloads (RELIABILITY #2, #9–#12): bytes from the blob store,
 * always with `X-Content-Type-Options: nosniff` and a `sandbox` CSP; a
 * download (`Content-Disposition: attachment`, RFC 6266 `filename*`) except
 * raster images asked inline for `cid:` display. SVG and HTML are never inline.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../../../errors/app-error.ts';
import { mailboxScopeOf, scopeAllows } from '../../../policies/mailbox-access.ts';
import type { BlobStore } from '../../../storage/blob-store.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';

const inlineTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 / 5987). */
export function contentDisposition(kind: 'attachment' | 'inline', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_') || 'attachment';
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** GET /api/attachments/:id: agents and above, as a sandboxed download. */
export function attachmentRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; blobs: BlobStore },
): void {
  app.get('/api/attachments/:id', { preHandler: requireRole('agent') }, async (request, reply) => {
    const params = z.object({ id: z.uuid() }).safeParse(request.params);
    if (!params.success) throw new AppError('not_found', 'Not found.');
    const row = await deps.db
      .selectFrom('attachments')
      .innerJoin('tickets', 'tickets.id', 'attachments.ticket_id')
      .select([
        'attachments.filename',
        'attachments.content_type',
        'attachments.sha256',
        'attachments.size_bytes',
        'tickets.mailbox_id',
      ])
      .where('attachments.id', '=', params.data.id)
      .where('tickets.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'Not found.');
    const scope = await mailboxScopeOf(deps.db, sessionOf(request).user);
    if (!scopeAllows(scope, row.mailbox_id)) throw new AppError('not_found', 'Not found.');
    const inline =
      (request.query as { inline?: unknown }).inline === '1' && inlineTypes.has(row.content_type);
    return reply
      .header('content-type', inline ? row.content_type : 'application/octet-stream')
      .header(
        'content-disposition',
        contentDisposition(inline ? 'inline' : 'attachment', row.filename),
      )
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cache-control', 'private, no-store')
      .header('content-length', String(row.size_bytes))
      .send(deps.blobs.open(row.sha256));
  });
}
