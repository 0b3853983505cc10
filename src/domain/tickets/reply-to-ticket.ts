/**
 * An agent answers a ticket by e-mail. The reply message and its outbox row
 * are written in one transaction, with the Message-ID fixed now (the worker
 * may send it later, or again after an ambiguous outcome, always with this
 * ID). The first-response facts are refreshed in the same transaction, which
 * records `message.added`, `ticket.status_changed` (when the status moves) and
 * `ticket.first_response` (the first reply).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, TicketStatus } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { headerText, isSafeAddress } from '../../shared/mail-addresses.ts';
import type { TicketEventActor } from '../../shared/ticket-events.ts';
import { composedBody } from '../composer/composed-body.ts';
import { discardDraft } from '../composer/drafts.ts';
import { attachUploads } from '../composer/uploads.ts';
import { loadMailboxMail } from '../mailboxes/mailbox-mail.ts';
import { enqueueReply, messageIdDomain } from '../outbox/enqueue.ts';
import { sensitiveKindsOf } from '../privacy/sensitive-kinds.ts';
import type { MailSigner } from '../signing/mail-signer.ts';
import { recordWrittenDemandNumbers } from './demand-numbers.ts';
import { recordTicketEvents } from './events/record-events.ts';
import { assertNotStale, statusEventTypes } from './stale-change.ts';
import { refreshTicketTimings } from './ticket-timings.ts';

export type ReplyInput = {
  ticketId: number;
  /** The agent writing; null for Guichet's own (an automation rule's: `ruleId`, issue 19). */
  authorUserId: string | null;
  ruleId?: string;
  /** Plain text; ignored when `bodyHtml` is given (the text is derived from it). */
  body?: string;
  /** The composer's HTML (issue 19 §1), sanitised here before it is stored. */
  bodyHtml?: string;
  cc?: string[];
  /** Blind copies: in the envelope only. */
  bcc?: string[];
  /** The agent's uploads on this ticket that the reply carries. */
  attachmentIds?: readonly string[];
  /** Seconds the reply waits in the outbox ("Annuler l'envoi"); 0 by default. */
  holdSeconds?: number;
  /** Status after the reply (default: pending, waiting for the customer). */
  status?: Exclude<TicketStatus, 'spam'>;
  /**
   * The ticket's version the agent saw: a status chosen with the reply is refused
   * (`stale_ticket`) when the status changed since; the reply alone never is.
   */
  version?: number;
  now?: Date;
};

export type ReplyResult = { messageId: number; rfcMessageId: string; outboxId: number };

/** Addresses lower-cased, without duplicates; AppError('invalid_input') for an unsafe one. */
export function cleanAddresses(list: readonly string[] | undefined, what: string): string[] {
  const addresses = [...new Set((list ?? []).map((a) => a.trim().toLowerCase()))].filter(
    (a) => a !== '',
  );
  if (addresses.some((a) => !isSafeAddress(a)))
    throw new AppError('invalid_input', `A ${what} address is not valid.`);
  return addresses;
}

/** `Re: subject`, without stacking prefixes. */
export const replySubject = (subject: string): string =>
  /^\s*re\s*:/i.test(subject) ? headerText(subject) : headerText(`Re: ${subject}`);

/**
 * Writes the reply and queues it. AppError('not_found') for a missing or
 * deleted ticket; 'invalid_input' when it has no address to answer or a CC is invalid.
 */
export async function replyToTicket(
  db: Kysely<DB>,
  signer: MailSigner,
  input: ReplyInput,
): Promise<ReplyResult> {
  // Checked before the transaction opens (and again inside: cheap).
  cleanAddresses(input.cc, 'CC');
  cleanAddresses(input.bcc, 'BCC');
  composedBody(input);
  return db.transaction().execute((trx) => replyInTransaction(trx, signer, input));
}

/**
 * `replyToTicket` in the caller's transaction (a new conversation writes its
 * ticket and first reply together). `subjectAsIs`: the ticket's subject
 * without `Re:` (the first mail of a conversation we start).
 */
export async function replyInTransaction(
  trx: Transaction<DB>,
  signer: MailSigner,
  input: ReplyInput & { subjectAsIs?: boolean },
): Promise<ReplyResult> {
  const now = input.now ?? new Date();
  const cc = cleanAddresses(input.cc, 'CC');
  const bcc = cleanAddresses(input.bcc, 'BCC').filter((a) => !cc.includes(a));
  const content = composedBody(input);
  const ticket = await trx
    .selectFrom('tickets')
    .leftJoin('contacts', 'contacts.id', 'tickets.contact_id')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.mailbox_id',
      'tickets.subject',
      'tickets.status',
      'tickets.version',
      'contacts.email',
    ])
    .where('tickets.id', '=', input.ticketId)
    .where('tickets.deleted_at', 'is', null)
    .forUpdate('tickets')
    .executeTakeFirst();
  if (!ticket) throw new AppError('not_found', 'No such ticket.');
  if (input.status !== undefined)
    await assertNotStale(trx, ticket, input.version, input.authorUserId, statusEventTypes);
  if (!ticket.email || !isSafeAddress(ticket.email))
    throw new AppError('invalid_input', 'This ticket has no e-mail address to answer.');
  const mailbox = await loadMailboxMail(trx, ticket.mailbox_id);
  if (!mailbox.address)
    throw new AppError('invalid_input', 'This mailbox has no address to send from: add one first.');
  // Answer the customer's last mail (not a stranger's) so their client threads it.
  const last = await trx
    .selectFrom('messages')
    .select(['message_id', 'references_ids', 'flags'])
    .where('ticket_id', '=', ticket.id)
    .where('kind', '=', 'customer')
    .where('message_id', 'is not', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
  const parent = last.find((m) => m.flags.stranger !== true) ?? null;
  const rfcMessageId = signer.messageId(
    ticket.number,
    `r${randomBytes(8).toString('hex')}`,
    messageIdDomain(mailbox),
  );
  const message = await trx
    .insertInto('messages')
    .values({
      ticket_id: ticket.id,
      mailbox_id: ticket.mailbox_id,
      kind: 'reply',
      author_user_id: input.authorUserId,
      from_address: mailbox.address,
      to_addresses: [ticket.email],
      cc_addresses: cc,
      bcc_addresses: bcc,
      subject: input.subjectAsIs ? headerText(ticket.subject) : replySubject(ticket.subject),
      body_text: content.text,
      body_html: content.html,
      sensitive_kinds: sensitiveKindsOf({ text: content.text }),
      // What a withdrawal ("Annuler l'envoi") puts the status back to.
      flags: { status_before: ticket.status },
      message_id: rfcMessageId,
      in_reply_to: parent?.message_id ?? null,
      references_ids: parent?.message_id
        ? [...parent.references_ids.slice(-20), parent.message_id]
        : [],
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordWrittenDemandNumbers(trx, [
    { ticketId: ticket.id, messageId: message.id, texts: [content.text] },
  ]);
  const outboxId = await enqueueReply(trx, {
    mailboxId: ticket.mailbox_id,
    ticketId: ticket.id,
    messageId: message.id,
    rfcMessageId,
    to: ticket.email,
    notBefore: new Date(now.getTime() + (input.holdSeconds ?? 0) * 1000),
  });
  if (input.authorUserId)
    await attachUploads(trx, {
      ticketId: ticket.id,
      userId: input.authorUserId,
      messageId: message.id,
      ids: input.attachmentIds ?? [],
    });
  if (input.authorUserId) await discardDraft(trx, ticket.id, input.authorUserId);
  const status = input.status ?? 'pending';
  await trx
    .updateTable('tickets')
    .set({
      status,
      closed_at: status === 'closed' ? now : null,
      last_message_at: now,
      updated_at: now,
    })
    .where('id', '=', ticket.id)
    .execute();
  const actor: TicketEventActor = input.ruleId
    ? { kind: 'rule', ruleId: input.ruleId }
    : input.authorUserId
      ? { kind: 'user', userId: input.authorUserId }
      : { kind: 'system' };
  const ref = { ticketId: ticket.id, mailboxId: ticket.mailbox_id };
  await recordTicketEvents(trx, actor, [
    {
      type: 'message.added',
      ...ref,
      data: { messageId: message.id, kind: 'reply', authorUserId: input.authorUserId },
    },
    ...(status === ticket.status
      ? []
      : [
          {
            type: 'ticket.status_changed' as const,
            ...ref,
            data: { from: ticket.status, to: status },
          },
        ]),
  ]);
  await refreshTicketTimings(trx, [ticket.id], undefined, actor);
  return { messageId: message.id, rfcMessageId, outboxId };
}

/** The reply in the caller's transaction, as a follow-up's reminder (ticket-waits-fire.ts) writes it. */
export const writeReply = replyInTransaction;

/** The same, as automation rules and macros call it (issue 19). */
export const replyToTicketIn = replyInTransaction;
