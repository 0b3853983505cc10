/**
 * Splitting a customer message into a new ticket (issue 6 §2): the message
 * (and its attachments) moves to a new ticket linked to the old one; both
 * refresh their timing facts.
 *
 * Ticket events, in the same transaction: `ticket.split` on the old ticket and
 * `ticket.opened` (with `splitFromTicketId`) on the new one. The audit row is
 * written with them.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { copyDemandNumbers } from './demand-numbers.ts';
import { eventActorOf } from './events/event-actor.ts';
import { recordTicketEvents } from './events/record-events.ts';
import { refreshTicketTimings } from './ticket-timings.ts';

/** Moves a customer message (and its attachments) into a new ticket; returns the new ticket. */
export async function splitMessage(
  db: Kysely<DB>,
  messageId: number,
  actor: Actor,
  now = new Date(),
): Promise<{ ticketId: number; number: number; fromTicketId: number }> {
  return db.transaction().execute(async (trx) => {
    const message = await trx
      .selectFrom('messages')
      .innerJoin('tickets', 'tickets.id', 'messages.ticket_id')
      .select([
        'messages.id',
        'messages.kind',
        'messages.subject',
        'messages.created_at',
        'messages.author_contact_id',
        'tickets.id as ticket_id',
        'tickets.mailbox_id',
        'tickets.subject as ticket_subject',
        'tickets.contact_id',
        'tickets.organisation_id',
        'tickets.channel',
      ])
      .where('messages.id', '=', messageId)
      .where('tickets.deleted_at', 'is', null)
      .forUpdate('tickets')
      .executeTakeFirst();
    if (!message) throw new AppError('not_found', 'No such message.');
    if (message.kind !== 'customer')
      throw new AppError('invalid_input', 'Invalid request: only a customer message can be split');
    const others = await trx
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ticket_id', '=', message.ticket_id)
      .where('kind', '=', 'customer')
      .where('id', '<>', messageId)
      .executeTakeFirstOrThrow();
    if (Number(others.n) === 0)
      throw new AppError(
        'invalid_input',
        'Invalid request: the ticket has no other customer message',
      );
    const created = await trx
      .insertInto('tickets')
      .values({
        mailbox_id: message.mailbox_id,
        subject: (message.subject ?? message.ticket_subject).replace(
          /^\s*(re|tr|fwd?)\s*:\s*/i,
          '',
        ),
        contact_id: message.author_contact_id ?? message.contact_id,
        organisation_id: message.organisation_id,
        channel: message.channel,
        created_at: message.created_at,
        last_message_at: message.created_at,
        linked_ticket_id: message.ticket_id,
      })
      .returning(['id', 'number', 'status'])
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('messages')
      .set({ ticket_id: created.id })
      .where('id', '=', messageId)
      .execute();
    await trx
      .updateTable('attachments')
      .set({ ticket_id: created.id })
      .where('message_id', '=', messageId)
      .execute();
    await copyDemandNumbers(trx, { messageId }, created.id);
    const last = await trx
      .selectFrom('messages')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .where('ticket_id', '=', message.ticket_id)
      .where('kind', '<>', 'event')
      .executeTakeFirst();
    await trx
      .updateTable('tickets')
      .set({ last_message_at: last?.at ?? now, updated_at: now })
      .where('id', '=', message.ticket_id)
      .execute();
    await trx
      .insertInto('messages')
      .values([
        {
          ticket_id: message.ticket_id,
          mailbox_id: message.mailbox_id,
          kind: 'event',
          author_user_id: actor.userId,
          event_type: 'split',
          event_data: JSON.stringify({ toTicketId: created.id, toNumber: created.number }),
          created_at: now,
        },
        {
          ticket_id: created.id,
          mailbox_id: message.mailbox_id,
          kind: 'event',
          author_user_id: actor.userId,
          event_type: 'split_from',
          event_data: JSON.stringify({ fromTicketId: message.ticket_id }),
          created_at: now,
        },
      ])
      .execute();
    const by = eventActorOf(actor);
    await recordTicketEvents(trx, by, [
      {
        type: 'ticket.split',
        ticketId: message.ticket_id,
        mailboxId: message.mailbox_id,
        data: { toTicketId: created.id, messageIds: [messageId] },
      },
      {
        type: 'ticket.opened',
        ticketId: created.id,
        mailboxId: message.mailbox_id,
        data: {
          channel: message.channel,
          status: created.status,
          contactId: message.author_contact_id ?? message.contact_id,
          organisationId: message.organisation_id,
          linkedTicketId: message.ticket_id,
          splitFromTicketId: message.ticket_id,
        },
      },
    ]);
    await refreshTicketTimings(trx, [message.ticket_id, created.id], undefined, by);
    await recordAudit(trx, {
      action: 'ticket.split',
      actorUserId: actor.userId,
      targetType: 'ticket',
      targetId: String(message.ticket_id),
      ip: actor.ip,
      details: { messageId, newTicketId: created.id },
    });
    return { ticketId: created.id, number: created.number, fromTicketId: message.ticket_id };
  });
}

/** The ticket a message belongs to (for the scope check of a split); null if none. */
export async function ticketOfMessage(db: Kysely<DB>, messageId: number): Promise<number | null> {
  const row = await db
    .selectFrom('messages')
    .select('ticket_id')
    .where('id', '=', messageId)
    .executeTakeFirst();
  return row?.ticket_id ?? null;
}
