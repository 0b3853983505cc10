/**
 * What an agent writes on a ticket (issue 5 §6): an e-mail reply, an internal
 * note, a logged phone call, or a ticket opened from a call. Thin handlers:
 * role guard → validation → one domain use-case.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { MailSigner } from '../../../domain/signing/mail-signer.ts';
import { addNote } from '../../../domain/tickets/add-note.ts';
import { logPhoneCall, openTicketFromCall } from '../../../domain/tickets/log-phone-call.ts';
import { replyToTicket } from '../../../domain/tickets/reply-to-ticket.ts';
import { assertClosable } from '../../../domain/tickets/required-fields.ts';
import { AppError } from '../../../errors/app-error.ts';
import {
  assertTicketVisible,
  mailboxScopeOf,
  scopeAllows,
} from '../../../policies/mailbox-access.ts';
import {
  presentCallTicket,
  presentQueuedReply,
  presentWrittenMessage,
} from '../../../presenters/ticket-writes.ts';
import { undoSendSeconds } from '../../../shared/composer-contracts.ts';
import {
  callRequestSchema,
  callTicketRequestSchema,
  noteRequestSchema,
  replyRequestSchema,
} from '../../../shared/mail-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { idParam, parseInput } from '../../validate.ts';

export type TicketMessageDeps = { db: Kysely<DB>; signer: MailSigner; wakeOutbox?: () => void };

/** The ticket of the address; 404 unless the caller sees its mailbox. */
async function visibleTicketId(db: Kysely<DB>, request: FastifyRequest): Promise<number> {
  const ticketId = idParam((request.params as { id?: unknown }).id);
  await assertTicketVisible(db, sessionOf(request).user, ticketId);
  return ticketId;
}

/** Replies, notes and calls: agents and above. */
export function ticketMessageRoutes(app: FastifyInstance, deps: TicketMessageDeps): void {
  const agent = { preHandler: requireRole('agent') };

  app.post('/api/tickets/:id/replies', agent, async (request, reply) => {
    const ticketId = await visibleTicketId(deps.db, request);
    const input = parseInput(replyRequestSchema, request.body);
    if (input.status === 'closed') await assertClosable(deps.db, ticketId);
    const result = await replyToTicket(deps.db, deps.signer, {
      ticketId,
      authorUserId: sessionOf(request).user.id,
      body: input.body,
      bodyHtml: input.bodyHtml,
      cc: input.cc,
      bcc: input.bcc,
      attachmentIds: input.attachmentIds,
      holdSeconds: input.undo ? undoSendSeconds : 0,
      status: input.status,
      version: input.version,
    });
    deps.wakeOutbox?.();
    return reply.status(201).send(presentQueuedReply(result));
  });

  app.post('/api/tickets/:id/notes', agent, async (request, reply) => {
    const ticketId = await visibleTicketId(deps.db, request);
    const input = parseInput(noteRequestSchema, request.body);
    const result = await addNote(deps.db, {
      ticketId,
      authorUserId: sessionOf(request).user.id,
      body: input.body,
      mentions: input.mentions,
    });
    return reply.status(201).send(presentWrittenMessage(result));
  });

  app.post('/api/tickets/:id/calls', agent, async (request, reply) => {
    const ticketId = await visibleTicketId(deps.db, request);
    const input = parseInput(callRequestSchema, request.body);
    const result = await logPhoneCall(deps.db, {
      ticketId,
      authorUserId: sessionOf(request).user.id,
      direction: input.direction,
      durationSeconds: input.durationSeconds,
      summary: input.summary,
      at: input.at ? new Date(input.at) : undefined,
    });
    return reply.status(201).send(presentWrittenMessage(result));
  });

  app.post('/api/calls', agent, async (request, reply) => {
    const input = parseInput(callTicketRequestSchema, request.body);
    const scope = await mailboxScopeOf(deps.db, sessionOf(request).user);
    if (!scopeAllows(scope, input.mailboxId)) throw new AppError('not_found', 'No such mailbox.');
    const result = await openTicketFromCall(deps.db, {
      mailboxId: input.mailboxId,
      subject: input.subject,
      contact: input.contact,
      authorUserId: sessionOf(request).user.id,
      direction: input.direction,
      durationSeconds: input.durationSeconds,
      summary: input.summary,
      at: input.at ? new Date(input.at) : undefined,
    });
    return reply.status(201).send(presentCallTicket(result));
  });
}
