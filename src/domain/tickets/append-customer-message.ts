/**
 * A customer's message joins an existing ticket (a mail threaded by its headers
 * or subject token): the message, the ticket's last-message date and, when the
 * message wakes the ticket up, its status — with the events `message.added` and
 * `ticket.status_changed`, in the caller's transaction.
 *
 * - `reopen`: a closed ticket becomes active again (reason `reopened`);
 * - `wake`: a pending ticket (waiting for the customer) becomes active (reason
 *   `customer_reply`).
 * Whether to reopen is decided before (reopen-or-link.ts).
 */
import type { Transaction } from 'kysely';
import type { DB, TicketStatus } from '../../db/schema.ts';
import type { NewTicketEvent, TicketEventActor } from '../../shared/ticket-events.ts';
import { recordTicketEvents } from './events/record-events.ts';
import { insertMessage, type NewMessage } from './insert-message.ts';
import { endWaitsOnCustomerAnswer } from './ticket-waits.ts';

export type AppendCustomerMessage = {
  ticket: { id: number; mailboxId: string; status: TicketStatus };
  message: NewMessage & { created_at: Date };
  /** Reopen a closed ticket. */
  reopen: boolean;
  /** Make a pending ticket active again. */
  wake: boolean;
  actor?: TicketEventActor;
};

/** Appends the message; returns its id. */
export async function appendCustomerMessage(
  trx: Transaction<DB>,
  input: AppendCustomerMessage,
): Promise<number> {
  const { ticket, message } = input;
  const at = message.created_at;
  const actor = input.actor ?? { kind: 'contact' };
  const reopen = input.reopen && ticket.status === 'closed';
  const wake = input.wake && ticket.status === 'pending';
  await trx
    .updateTable('tickets')
    .set({
      last_message_at: at,
      updated_at: at,
      ...(reopen ? { status: 'active', closed_at: null } : {}),
      ...(wake ? { status: 'active' } : {}),
    })
    .where('id', '=', ticket.id)
    .execute();
  const events: NewTicketEvent[] = [];
  if (reopen || wake)
    events.push({
      type: 'ticket.status_changed',
      ticketId: ticket.id,
      mailboxId: ticket.mailboxId,
      data: { from: ticket.status, to: 'active', reason: reopen ? 'reopened' : 'customer_reply' },
    });
  const messageId = await insertMessage(trx, ticket, message, actor);
  await recordTicketEvents(trx, actor, events, at);
  // the customer answered: a snooze or a follow-up ends (issue 18 §2); a stranger's mail does not
  const flags = typeof message.flags === 'object' ? message.flags : undefined;
  if (flags?.stranger !== true) await endWaitsOnCustomerAnswer(trx, ticket, actor, at);
  return messageId;
}
