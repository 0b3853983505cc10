/**
 * Inserts one message into a ticket's thread and records `message.added`, in the
 * caller's transaction. The ticket's own columns (last message, status) are the
 * caller's business: opening (open-ticket.ts) and appending a customer message
 * (append-customer-message.ts) set them differently.
 */
import type { Insertable, Transaction } from 'kysely';
import type { DB, MessagesTable } from '../../db/schema.ts';
import type { TicketEventActor } from '../../shared/ticket-events.ts';
import { htmlForNumbers, recordWrittenDemandNumbers } from './demand-numbers.ts';
import { recordTicketEvent } from './events/record-events.ts';

/** A message's columns, without the ticket and mailbox it goes to. */
export type NewMessage = Omit<Insertable<MessagesTable>, 'ticket_id' | 'mailbox_id'>;

/** Inserts `message` into ticket `ticket.id`; returns the message id. */
export async function insertMessage(
  trx: Transaction<DB>,
  ticket: { id: number; mailboxId: string },
  message: NewMessage,
  actor: TicketEventActor,
): Promise<number> {
  const row = await trx
    .insertInto('messages')
    .values({ ...message, ticket_id: ticket.id, mailbox_id: ticket.mailboxId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordWrittenDemandNumbers(trx, [
    {
      ticketId: ticket.id,
      messageId: row.id,
      texts: [message.subject, message.body_text ?? htmlForNumbers(message.body_html)],
    },
  ]);
  const flags = typeof message.flags === 'object' ? message.flags : undefined;
  await recordTicketEvent(
    trx,
    actor,
    {
      type: 'message.added',
      ticketId: ticket.id,
      mailboxId: ticket.mailboxId,
      data: {
        messageId: row.id,
        kind: message.kind,
        authorUserId: message.author_user_id ?? null,
        ...(flags?.stranger === true ? { stranger: true } : {}),
      },
    },
    message.created_at instanceof Date ? message.created_at : undefined,
  );
  return row.id;
}
