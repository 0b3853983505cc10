/**
 * Writes outgoing mail into the outbox, inside the caller's transaction (the
 * transactional outbox, RELIABILITY §0.8): the reply message and its send job
 * commit together, with the Message-ID fixed now, so a retry after a crash or
 * an ambiguous SMTP outcome sends the same Message-ID again.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MailSigner } from '../mail-signer.ts';
import { domainOf, type MailboxMail } from '../mailbox-mail.ts';

/** At most one acknowledgement per sender in this window (RELIABILITY #40). */
export const ackWindowMs = 4 * 60 * 60_000;

/** The domain of our Message-IDs: the mailbox's address domain. */
export const messageIdDomain = (mailbox: MailboxMail): string =>
  domainOf(mailbox.address) ?? 'guichet.invalid';

/**
 * Queues the acknowledgement of a new ticket when the mailbox sends them and
 * the sender got none in the last four hours. Its Message-ID derives from the
 * ticket, so a ticket can never be acknowledged twice (unique key).
 */
export async function enqueueAcknowledgement(
  trx: Transaction<DB>,
  options: {
    mailbox: MailboxMail;
    ticketId: number;
    ticketNumber: number;
    subject: string;
    to: string;
    signer: MailSigner;
    now: Date;
    /** Acknowledge even when the mailbox's setting is off (the contact form always tells the number). */
    always?: boolean;
  },
): Promise<boolean> {
  const { mailbox } = options;
  if (!(mailbox.settings.ack_enabled || options.always) || mailbox.address === null) return false;
  if (mailbox.addresses.includes(options.to)) return false;
  const recent = await trx
    .selectFrom('outbox')
    .select('id')
    .where('kind', '=', 'ack')
    .where('to_address', '=', options.to)
    .where('created_at', '>', new Date(options.now.getTime() - ackWindowMs))
    .executeTakeFirst();
  if (recent) return false;
  await trx
    .insertInto('outbox')
    .values({
      mailbox_id: mailbox.id,
      ticket_id: options.ticketId,
      kind: 'ack',
      rfc_message_id: options.signer.messageId(
        options.ticketNumber,
        'ack',
        messageIdDomain(mailbox),
      ),
      to_address: options.to,
      created_at: options.now,
    })
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
  },
): Promise<number> {
  const row = await trx
    .insertInto('outbox')
    .values({
      mailbox_id: options.mailboxId,
      ticket_id: options.ticketId,
      message_id: options.messageId,
      kind: 'reply',
      rfc_message_id: options.rfcMessageId,
      to_address: options.to,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
