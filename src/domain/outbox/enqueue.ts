/**
 * Writes outgoing mail into the outbox, inside the caller's transaction (the
 * transactional outbox, RELIABILITY §0.8): the reply message and its send job
 * commit together, with the Message-ID fixed now, so a retry after a crash or
 * an ambiguous SMTP outcome sends the same Message-ID again.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { domainOf, type MailboxMail } from '../mailboxes/mailbox-mail.ts';
import type { MailSigner } from '../signing/mail-signer.ts';

/** At most one acknowledgement per sender in this window (RELIABILITY #40). */
export const ackWindowMs = 4 * 60 * 60_000;

/** The domain of our Message-IDs: the mailbox's address domain. */
export const messageIdDomain = (mailbox: MailboxMail): string =>
  domainOf(mailbox.address) ?? 'guichet.invalid';

export type AcknowledgementOptions = {
  mailbox: MailboxMail;
  ticketId: number;
  ticketNumber: number;
  subject: string;
  to: string;
  signer: MailSigner;
  now: Date;
  /** Acknowledge even when the mailbox's setting is off (the contact form always tells the number). */
  always?: boolean;
};

/**
 * Whether the mailbox acknowledges new tickets to `to` at all (its setting,
 * an address to send from, not one of its own addresses). The four-hour
 * window is checked in the database (`recentAcknowledgement`).
 */
export function acknowledges(
  mailbox: MailboxMail,
  to: string,
  always = false,
): mailbox is MailboxMail & { address: string } {
  if (!(mailbox.settings.ack_enabled || always) || mailbox.address === null) return false;
  return !mailbox.addresses.includes(to);
}

/** The outbox row of an acknowledgement: its Message-ID derives from the ticket number. */
export function acknowledgementRow(options: Omit<AcknowledgementOptions, 'subject' | 'always'>) {
  const { mailbox } = options;
  return {
    mailbox_id: mailbox.id,
    ticket_id: options.ticketId,
    kind: 'ack' as const,
    rfc_message_id: options.signer.messageId(options.ticketNumber, 'ack', messageIdDomain(mailbox)),
    to_address: options.to,
    created_at: options.now,
  };
}

/** The start of the window in which `to` already got an acknowledgement, if it did. */
export const ackWindowStart = (now: Date): Date => new Date(now.getTime() - ackWindowMs);

/**
 * Queues the acknowledgement of a new ticket when the mailbox sends them and
 * the sender got none in the last four hours. Its Message-ID derives from the
 * ticket, so a ticket can never be acknowledged twice (unique key).
 */
export async function enqueueAcknowledgement(
  trx: Transaction<DB>,
  options: AcknowledgementOptions,
): Promise<boolean> {
  if (!acknowledges(options.mailbox, options.to, options.always)) return false;
  const recent = await trx
    .selectFrom('outbox')
    .select('id')
    .where('kind', '=', 'ack')
    .where('to_address', '=', options.to)
    .where('created_at', '>', ackWindowStart(options.now))
    .executeTakeFirst();
  if (recent) return false;
  await trx
    .insertInto('outbox')
    .values(acknowledgementRow(options))
    .onConflict((oc) => oc.column('rfc_message_id').doNothing())
    .execute();
  return true;
}

/** Queues a reply message that was just inserted in `trx`. */
export async function enqueueReply(
  trx: Transaction<DB>,
  options: {
    mailboxId: string;
    ticketId: number;
    messageId: number;
    rfcMessageId: string;
    to: string;
    /** Not sent before this time (a reply held for "Annuler l'envoi"); default now. */
    notBefore?: Date;
    /** 'forward': a ticket or message sent to a third party (issue 19 §2). */
    kind?: 'reply' | 'forward';
  },
): Promise<number> {
  const row = await trx
    .insertInto('outbox')
    .values({
      mailbox_id: options.mailboxId,
      ticket_id: options.ticketId,
      message_id: options.messageId,
      kind: options.kind ?? 'reply',
      rfc_message_id: options.rfcMessageId,
      to_address: options.to,
      ...(options.notBefore ? { next_attempt_at: options.notBefore } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
