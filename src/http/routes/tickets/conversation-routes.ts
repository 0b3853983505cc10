/**
 * New conversations, forwarding and moving a ticket (issue 19 §2): an agent
 * writes first to a contact or an organisation's person (a ticket opened by
 * us), forwards a ticket or one message to a third party, or moves a ticket to
 * another mailbox. Agents and above; every mailbox involved must be theirs
 * (else 404).
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { MailSigner } from '../../../domain/signing/mail-signer.ts';
import { forwardTicket } from '../../../domain/tickets/forward-ticket.ts';
import { moveTicketToMailbox } from '../../../domain/tickets/move-mailbox.ts';
import { startConversation } from '../../../domain/tickets/start-conversation.ts';
import { AppError } from '../../../errors/app-error.ts';
import {
  assertTicketVisible,
  mailboxScopeOf,
  scopeAllows,
} from '../../../policies/mailbox-access.ts';
import { presentCallTicket, presentQueuedReply } from '../../../presenters/ticket-writes.ts';
import {
  conversationRequestSchema,
  forwardRequestSchema,
  moveMailboxSchema,
} from '../../../shared/composer-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { idParam, parseInput } from '../../validate.ts';

export type ConversationRouteDeps = {
  db: Kysely<DB>;
  signer: MailSigner;
  wakeOutbox?: () => void;
};

export function conversationRoutes(app: FastifyInstance, deps: ConversationRouteDeps): void {
  const agent = { preHandler: requireRole('agent') };
  const { db } = deps;

  app.post('/api/conversations', agent, async (request, reply) => {
    const input = parseInput(conversationRequestSchema, request.body);
    const user = sessionOf(request).user;
    if (!scopeAllows(await mailboxScopeOf(db, user), input.mailboxId))
      throw new AppError('not_found', 'No such mailbox.');
    const opened = await startConversation(db, deps.signer, { ...input, authorUserId: user.id });
    deps.wakeOutbox?.();
    return reply.status(201).send(presentCallTicket(opened));
  });

  app.post('/api/tickets/:id/forward', agent, async (request, reply) => {
    const ticketId = idParam((request.params as { id?: unknown }).id);
    const user = sessionOf(request).user;
    await assertTicketVisible(db, user, ticketId);
    const input = parseInput(forwardRequestSchema, request.body);
    const result = await forwardTicket(db, deps.signer, {
      ticketId,
      authorUserId: user.id,
      to: input.to,
      messageId: input.messageId,
      bodyHtml: input.bodyHtml,
      attachmentIds: input.attachmentIds,
    });
    deps.wakeOutbox?.();
    return reply.status(201).send(presentQueuedReply(result));
  });

  app.post('/api/tickets/:id/mailbox', agent, async (request) => {
    const ticketId = idParam((request.params as { id?: unknown }).id);
    const user = sessionOf(request).user;
    await assertTicketVisible(db, user, ticketId);
    const input = parseInput(moveMailboxSchema, request.body);
    if (!scopeAllows(await mailboxScopeOf(db, user), input.mailboxId))
      throw new AppError('not_found', 'No such mailbox.');
    const moved = await moveTicketToMailbox(db, {
      ticketId,
      mailboxId: input.mailboxId,
      userId: user.id,
      version: input.version,
    });
    return { mailboxId: moved.to, clearedFields: moved.clearedFields };
  });
}
