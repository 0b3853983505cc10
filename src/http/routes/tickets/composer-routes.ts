/**
 * The composer's API (issue 19 §1): the agent's draft (saved while typing),
 * files attached before sending (checked by their bytes like the help
 * centre's: src/portal/form/attachments.ts; stored in the blob store),
 * withdrawing a held reply ("Annuler l'envoi") and address suggestions.
 * Agents and above; the ticket must be visible to them (else 404).
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { addressSuggestions, composerState } from '../../../domain/composer/composer-state.ts';
import { discardDraft, saveDraft } from '../../../domain/composer/drafts.ts';
import { discardUpload, recordUpload } from '../../../domain/composer/uploads.ts';
import { withdrawReply } from '../../../domain/tickets/withdraw-reply.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertTicketVisible } from '../../../policies/mailbox-access.ts';
import { cleanFileName, detectFileKind } from '../../../portal/form/attachments.ts';
import {
  presentAddressSuggestion,
  presentComposerState,
  presentUpload,
} from '../../../presenters/composer.ts';
import {
  composerAddressQuerySchema,
  composerLimits,
  draftSchema,
  uploadQuerySchema,
} from '../../../shared/composer-contracts.ts';
import type { BlobStore } from '../../../storage/blob-store.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { idParam, parseInput } from '../../validate.ts';

export type ComposerRouteDeps = { db: Kysely<DB>; blobs?: BlobStore };

async function visibleTicketId(db: Kysely<DB>, request: FastifyRequest): Promise<number> {
  const ticketId = idParam((request.params as { id?: unknown }).id);
  await assertTicketVisible(db, sessionOf(request).user, ticketId);
  return ticketId;
}

/** The request body as bytes, at most `max` of them (a stream from the octet-stream parser, or a buffer). */
async function bodyBytes(body: unknown, max: number): Promise<Buffer> {
  if (Buffer.isBuffer(body)) {
    if (body.length > max) throw new AppError('invalid_input', 'The file is larger than 10 MB.');
    return body;
  }
  const stream = body as Readable | undefined;
  if (!stream || typeof stream.on !== 'function')
    throw new AppError('invalid_input', 'Send the file as application/octet-stream.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const piece = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += piece.length;
    if (size > max) {
      stream.destroy();
      throw new AppError('invalid_input', 'The file is larger than 10 MB.');
    }
    chunks.push(piece);
  }
  return Buffer.concat(chunks);
}

export function composerRoutes(app: FastifyInstance, deps: ComposerRouteDeps): void {
  const agent = { preHandler: requireRole('agent') };
  const { db } = deps;

  app.get('/api/tickets/:id/composer', agent, async (request) => {
    const ticketId = await visibleTicketId(db, request);
    return presentComposerState(await composerState(db, ticketId, sessionOf(request).user.id));
  });

  app.put('/api/tickets/:id/draft', agent, async (request, reply) => {
    const ticketId = await visibleTicketId(db, request);
    const input = parseInput(draftSchema, request.body);
    await saveDraft(db, ticketId, sessionOf(request).user.id, input);
    return reply.status(204).send();
  });

  app.delete('/api/tickets/:id/draft', agent, async (request, reply) => {
    const ticketId = await visibleTicketId(db, request);
    await discardDraft(db, ticketId, sessionOf(request).user.id);
    return reply.status(204).send();
  });

  app.post(
    '/api/tickets/:id/uploads',
    { ...agent, bodyLimit: composerLimits.maxBytes + 1024 },
    async (request, reply) => {
      const ticketId = await visibleTicketId(db, request);
      const query = parseInput(uploadQuerySchema, request.query);
      if (!deps.blobs) throw new AppError('unavailable', 'No file store on this server.');
      const bytes = await bodyBytes(request.body, composerLimits.maxBytes);
      if (bytes.length === 0) throw new AppError('invalid_input', 'The file is empty.');
      const kind = await detectFileKind(bytes);
      if (!kind)
        throw new AppError(
          'invalid_input',
          'Only PDF, JPEG, PNG and Word (DOCX) files are accepted.',
        );
      const pasted = query.pasted === '1';
      const filename = cleanFileName(query.name || (pasted ? 'image-collee' : ''), kind);
      const stored = await deps.blobs.put(bytes);
      const row = await db.transaction().execute((trx) =>
        recordUpload(trx, {
          userId: sessionOf(request).user.id,
          ticketId,
          filename,
          contentType: kind.contentType,
          size: stored.size,
          sha256: stored.sha256,
          pasted,
        }),
      );
      return reply.status(201).send(presentUpload(row));
    },
  );

  app.delete('/api/tickets/:id/uploads/:uploadId', agent, async (request, reply) => {
    const ticketId = await visibleTicketId(db, request);
    const params = z.object({ uploadId: z.uuid() }).safeParse(request.params);
    if (!params.success) throw new AppError('not_found', 'Not found.');
    const removed = await discardUpload(db, {
      id: params.data.uploadId,
      ticketId,
      userId: sessionOf(request).user.id,
    });
    if (!removed) throw new AppError('not_found', 'Not found.');
    return reply.status(204).send();
  });

  app.post('/api/tickets/:id/replies/:messageId/withdraw', agent, async (request) => {
    const ticketId = await visibleTicketId(db, request);
    const messageId = idParam((request.params as { messageId?: unknown }).messageId);
    const result = await withdrawReply(db, {
      ticketId,
      messageId,
      userId: sessionOf(request).user.id,
    });
    return { messageId: result.messageId, restored: true as const };
  });

  app.get('/api/composer/addresses', agent, async (request) => {
    const query = parseInput(composerAddressQuerySchema, request.query);
    const rows = await addressSuggestions(db, query.q);
    return { suggestions: rows.map(presentAddressSuggestion) };
  });
}
