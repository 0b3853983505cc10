/**
 * A delivery report for one of our mails (RELIABILITY #39): shown on the
 * original ticket as a failed delivery, the outbox row marked failed on a
 * permanent error; never a new ticket, never acknowledged. The thread's event
 * and the ticket event are written by src/domain/tickets/record-delivery-failure.ts.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordDeliveryFailure } from '../../domain/tickets/record-delivery-failure.ts';
import type { Bounce } from './classify-mail.ts';
import type { ParsedInbound } from './parse-mail.ts';

export type BounceResult = { ticketId: number; messageId: number } | null;

/** Attaches the report to the ticket of the bounced mail; null when no mail of ours matches. */
export async function storeBounce(
  db: Kysely<DB>,
  options: {
    mailboxId: string;
    mail: ParsedInbound;
    bounce: Bounce;
    rawSha256: string;
    receivedAt: Date;
  },
): Promise<BounceResult> {
  if (options.bounce.originalMessageIds.length === 0) return null;
  return db.transaction().execute((trx) => storeBounceIn(trx, options));
}

/** `storeBounce` inside the caller's transaction (a batch of mail stored at once). */
export async function storeBounceIn(
  trx: Transaction<DB>,
  options: Parameters<typeof storeBounce>[1],
): Promise<BounceResult> {
  const { bounce, mailboxId } = options;
  if (bounce.originalMessageIds.length === 0) return null;
  const original = await trx
    .selectFrom('outbox')
    .select(['id', 'ticket_id', 'message_id', 'rfc_message_id'])
    .where('mailbox_id', '=', mailboxId)
    .where('rfc_message_id', 'in', bounce.originalMessageIds)
    .where('ticket_id', 'is not', null)
    .executeTakeFirst();
  if (!original || original.ticket_id === null) return null;
  const ticketId = original.ticket_id;
  const reason = `${bounce.status ?? 'unknown status'} ${bounce.action ?? ''}`.trim();
  // The thread's event message and the ticket event `message.delivery_failed`.
  const eventId = await recordDeliveryFailure(trx, {
    ticketId,
    mailboxId,
    failedMessageId: original.message_id,
    permanent: bounce.permanent,
    report: {
      event_data: JSON.stringify({
        recipient: bounce.recipient,
        status: bounce.status,
        action: bounce.action,
        diagnostic: bounce.diagnostic,
        permanent: bounce.permanent,
        original_message_id: original.rfc_message_id,
      }),
      subject: options.mail.subject,
      body_text: options.mail.text,
      message_id: options.mail.messageId,
      created_at: options.receivedAt,
      flags: { bounce: true },
      raw_sha256: options.rawSha256,
    },
  });
  if (bounce.permanent) {
    await trx
      .updateTable('outbox')
      .set({
        status: 'failed',
        last_error: `bounced: ${reason}`.slice(0, 1000),
        locked_until: null,
      })
      .where('id', '=', original.id)
      .execute();
  }
  return { ticketId: original.ticket_id, messageId: eventId };
}
