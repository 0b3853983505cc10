/**
 * The one transaction that takes an inbound mail in: contact, ticket (new,
 * appended, reopened or linked), message, attachment rows and, for a new
 * ticket from a person, the acknowledgement in the outbox. The ticket and
 * message writes (and their events) are src/domain/tickets/'s: `openTicket`
 * and `appendCustomerMessage`. Blobs (raw and
 * attachments) are already in the store when this runs, so a committed row
 * never points at missing bytes.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MailboxMail } from '../../domain/mailboxes/mailbox-mail.ts';
import {
  type MatchedOrganisation,
  matchOrganisation,
  organisationClassification,
} from '../../domain/organisations/match-organisation.ts';
import { enqueueAcknowledgement } from '../../domain/outbox/enqueue.ts';
import { sensitiveKindsOf } from '../../domain/privacy/sensitive-kinds.ts';
import type { MailSigner } from '../../domain/signing/mail-signer.ts';
import { appendCustomerMessage } from '../../domain/tickets/append-customer-message.ts';
import type { NewMessage } from '../../domain/tickets/insert-message.ts';
import { autoFillFields, openTicket, upsertContact } from '../../domain/tickets/open-ticket.ts';
import type { MailClass } from './classify-mail.ts';
import type { ParsedInbound } from './parse-mail.ts';
import { threadMail } from './thread-mail.ts';

export type StoredAttachment = {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  contentId: string | null;
  inline: boolean;
};

export type StoreInput = {
  mailbox: MailboxMail;
  mail: ParsedInbound;
  mailClass: Exclude<MailClass, { kind: 'own' } | { kind: 'bounce' }>;
  rawSha256: string;
  attachments: StoredAttachment[];
  receivedAt: Date;
  signer: MailSigner;
};

export type StoreResult = {
  outcome: 'created' | 'appended';
  ticketId: number;
  messageId: number;
  flags: Record<string, unknown>;
};

/** Fills partner type and département from the organisation, marked as filled by Guichet. */
export async function autoFill(
  trx: Transaction<DB>,
  ticketId: number,
  mailboxId: string,
  organisation: MatchedOrganisation,
): Promise<void> {
  const values = await organisationClassification(trx, mailboxId, organisation);
  await autoFillFields(
    trx,
    ticketId,
    mailboxId,
    values.map((v) => v.valueId),
  );
}

/** A contact the directory knows gets its organisation (an earlier link is kept). */
async function linkContact(
  trx: Transaction<DB>,
  contactId: string | null,
  organisation: MatchedOrganisation | undefined,
): Promise<void> {
  if (!contactId || !organisation) return;
  await trx
    .updateTable('contacts')
    .set({ organisation_id: organisation.id })
    .where('id', '=', contactId)
    .where('organisation_id', 'is', null)
    .execute();
}

export function flagsOf(input: StoreInput, stranger: boolean): Record<string, unknown> {
  const flags: Record<string, unknown> = {};
  if (input.mailClass.kind === 'automatic') flags.automatic = input.mailClass.reason;
  if (stranger) flags.stranger = true;
  if (input.mail.synthetic) flags.synthetic_message_id = true;
  if (!input.mail.from) flags.no_sender = true;
  // Reply-To is metadata only: it never sets who the sender is (RELIABILITY #26).
  if (input.mail.replyTo && input.mail.replyTo.address !== input.mail.from?.address)
    flags.reply_to = input.mail.replyTo.address;
  if (input.attachments.some((a) => a.contentType === 'application/ms-tnef'))
    flags.winmail_dat = true;
  return flags;
}

/** The message row of the mail (robots' mail is kept but is not a customer message). */
export function messageOf(
  input: StoreInput,
  contactId: string | null,
  flags: Record<string, unknown>,
): NewMessage & { created_at: Date } {
  const { mail } = input;
  const automatic = input.mailClass.kind === 'automatic';
  return {
    // Robots' mail is kept but is not a customer message (not counted, never acknowledged).
    kind: automatic ? 'event' : 'customer',
    event_type: automatic ? 'automatic_mail' : null,
    author_contact_id: contactId,
    from_address: mail.from?.address ?? null,
    to_addresses: mail.to,
    cc_addresses: mail.cc,
    subject: mail.subject,
    body_text: mail.text,
    body_html: mail.html,
    message_id: mail.messageId,
    in_reply_to: mail.inReplyTo,
    references_ids: mail.references,
    created_at: input.receivedAt,
    flags,
    raw_sha256: input.rawSha256,
    sensitive_kinds: sensitiveKindsOf({ subject: mail.subject, text: mail.text, html: mail.html }),
  };
}

/**
 * Stores the mail in one transaction. A duplicate (same mailbox and
 * Message-ID, e.g. two workers racing) makes the insert fail with a unique
 * violation; the caller treats that as "already stored".
 */
export function storeInbound(db: Kysely<DB>, input: StoreInput): Promise<StoreResult> {
  return db.transaction().execute((trx) => storeInboundIn(trx, input));
}

/** `storeInbound` inside the caller's transaction (a batch of mail stored at once). */
export async function storeInboundIn(
  trx: Transaction<DB>,
  input: StoreInput,
): Promise<StoreResult> {
  const { mailbox, mail, receivedAt } = input;
  const automatic = input.mailClass.kind === 'automatic';

  const decision = await threadMail(trx, {
    mailboxId: mailbox.id,
    mail,
    signer: input.signer,
    reopenDays: mailbox.settings.reopen_days,
    now: receivedAt,
  });
  const contactId = mail.from
    ? await upsertContact(trx, { email: mail.from.address, name: mail.from.name })
    : null;
  const organisation = await matchOrganisation(trx, mail.from?.address);
  await linkContact(trx, contactId, organisation);
  const stranger = decision.kind === 'append' && decision.stranger;
  const flags = flagsOf(input, stranger);
  const message = messageOf(input, contactId, flags);
  let ticketId: number;
  let messageId: number;
  if (decision.kind === 'new') {
    const ticket = await openTicket(
      trx,
      {
        mailboxId: mailbox.id,
        // A new ticket from a robot is kept out of the queues and the figures.
        status: automatic ? 'spam' : 'active',
        subject: mail.subject,
        contactId,
        organisationId: organisation?.id ?? null,
        channel: 'email',
        at: receivedAt,
        linkedTicketId: decision.linkedTicketId,
      },
      message,
    );
    ticketId = ticket.id;
    messageId = ticket.messageId;
    if (organisation) await autoFill(trx, ticketId, mailbox.id, organisation);
    if (!automatic && mail.from)
      await enqueueAcknowledgement(trx, {
        mailbox,
        ticketId,
        ticketNumber: ticket.number,
        subject: mail.subject,
        to: mail.from.address,
        signer: input.signer,
        now: receivedAt,
      });
  } else if (decision.internal) {
    // A third party's answer to a forward (issue 19 §2): an internal message, the ticket left as it is.
    ticketId = decision.ticket.id;
    messageId = await appendCustomerMessage(trx, {
      ticket: { id: ticketId, mailboxId: mailbox.id, status: decision.ticket.status },
      message: {
        ...message,
        kind: automatic ? 'event' : 'note',
        flags: { ...flags, forward_answer: true },
      },
      reopen: false,
      wake: false,
    });
  } else {
    ticketId = decision.ticket.id;
    messageId = await appendCustomerMessage(trx, {
      ticket: { id: ticketId, mailboxId: mailbox.id, status: decision.ticket.status },
      message,
      reopen: decision.reopen && !automatic,
      wake: !automatic && !stranger,
    });
  }
  if (input.attachments.length > 0)
    await trx
      .insertInto('attachments')
      .values(
        input.attachments.map((a) => ({
          ticket_id: ticketId,
          message_id: messageId,
          filename: a.filename,
          content_type: a.contentType,
          size_bytes: a.size,
          sha256: a.sha256,
          content_id: a.contentId,
          is_inline: a.inline,
        })),
      )
      .execute();
  return {
    outcome: decision.kind === 'new' ? 'created' : 'appended',
    ticketId,
    messageId,
    flags,
  };
}
