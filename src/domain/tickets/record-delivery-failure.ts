/**
 * A reply of ours could not be delivered (a bounce, RELIABILITY #39): the
 * report joins the ticket's thread as a `delivery_failed` event message and the
 * ticket records `message.delivery_failed`, in the caller's transaction.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordTicketEvent } from './events/record-events.ts';
import type { NewMessage } from './insert-message.ts';

export type DeliveryFailure = {
  ticketId: number;
  mailboxId: string;
  /** Our message that failed (the outbox row's), when known. */
  failedMessageId: number | null;
  /** A permanent failure: the mail will not be tried again. */
  permanent: boolean;
  /** The report itself, as the thread shows it. */
  report: Omit<NewMessage, 'kind' | 'event_type'> & { created_at: Date };
};

/** Adds the report to the thread; returns the id of its event message. */
export async function recordDeliveryFailure(
  trx: Transaction<DB>,
  failure: DeliveryFailure,
): Promise<number> {
  const row = await trx
    .insertInto('messages')
    .values({
      ...failure.report,
      ticket_id: failure.ticketId,
      mailbox_id: failure.mailboxId,
      kind: 'event',
      event_type: 'delivery_failed',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordTicketEvent(
    trx,
    { kind: 'system' },
    {
      type: 'message.delivery_failed',
      ticketId: failure.ticketId,
      mailboxId: failure.mailboxId,
      data: { messageId: failure.failedMessageId, final: failure.permanent },
    },
    failure.report.created_at,
  );
  return row.id;
}
