/**
 * Opens many tickets, each with its first message, in the caller's transaction
 * (the mail intake's batches, issue 22): the same rows and events as
 * `openTicket` (open-ticket.ts) — `ticket.opened` then `message.added` per
 * ticket — in four statements whatever the count: the ticket numbers, the
 * tickets, the messages, the events (record-events-bulk.ts). The import's
 * batch entry, keyed by origin ids, is open-tickets-batch.ts.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { NewTicketEvent, TicketEventActor } from '../../shared/ticket-events.ts';
import { htmlForNumbers, recordWrittenDemandNumbers } from './demand-numbers.ts';
import { recordTicketEventsBulk } from './events/record-events-bulk.ts';
import type { NewMessage } from './insert-message.ts';
import { type NewTicket, openerOf, ticketRow } from './open-ticket.ts';

export type TicketWithFirstMessage = { ticket: NewTicket; message: NewMessage };

/** Opens every ticket with its message; ids, numbers and message ids in the order of `items`. */
export async function openTicketsWithMessages(
  trx: Transaction<DB>,
  items: TicketWithFirstMessage[],
  actor?: TicketEventActor,
): Promise<{ id: number; number: number; messageId: number }[]> {
  if (items.length === 0) return [];
  const { rows: numbers } = await sql<{ n: number }>`
    select nextval('ticket_number_seq') as n from generate_series(1, ${items.length}::int)`.execute(
    trx,
  );
  const rows = items.map((item, i) => ({
    ...ticketRow(item.ticket),
    number: Number(numbers[i]?.n),
  }));
  const tickets = await trx
    .insertInto('tickets')
    .values(rows)
    .returning(['id', 'number'])
    .execute();
  const idByNumber = new Map(tickets.map((t) => [Number(t.number), t.id]));
  const ticketIds = rows.map((r) => {
    const id = idByNumber.get(r.number);
    if (id === undefined) throw new Error(`ticket ${r.number} was not inserted`);
    return id;
  });
  const messages = await trx
    .insertInto('messages')
    .values(
      items.map((item, i) => ({
        ...item.message,
        created_at: item.message.created_at ?? item.ticket.at,
        ticket_id: ticketIds[i] as number,
        mailbox_id: item.ticket.mailboxId,
      })),
    )
    .returning(['id', 'ticket_id'])
    .execute();
  // one first message per ticket: the ticket tells which message is whose
  const messageByTicket = new Map(messages.map((m) => [m.ticket_id, m.id]));
  await recordWrittenDemandNumbers(
    trx,
    items.map((item, i) => {
      const ticketId = ticketIds[i] as number;
      const { message } = item;
      return {
        ticketId,
        messageId: messageByTicket.get(ticketId) ?? null,
        texts: [
          item.ticket.subject,
          message.subject,
          message.body_text ?? htmlForNumbers(message.body_html),
        ],
      };
    }),
  );
  const events: NewTicketEvent[] = [];
  const result = items.map((item, i) => {
    const row = rows[i];
    const id = ticketIds[i] as number;
    const messageId = messageByTicket.get(id) as number;
    events.push(
      {
        type: 'ticket.opened',
        ticketId: id,
        mailboxId: item.ticket.mailboxId,
        data: {
          channel: item.ticket.channel,
          status: row?.status ?? 'active',
          contactId: item.ticket.contactId,
          organisationId: row?.organisation_id ?? null,
          linkedTicketId: row?.linked_ticket_id ?? null,
        },
      },
      {
        type: 'message.added',
        ticketId: id,
        mailboxId: item.ticket.mailboxId,
        data: {
          messageId,
          kind: item.message.kind,
          authorUserId: item.message.author_user_id ?? null,
        },
      },
    );
    return { id, number: row?.number ?? 0, messageId };
  });
  // One actor for the batch: the opener of the first ticket's channel unless given.
  const first = items[0] as TicketWithFirstMessage;
  await recordTicketEventsBulk(trx, actor ?? openerOf(first.ticket.channel), events);
  return result;
}
