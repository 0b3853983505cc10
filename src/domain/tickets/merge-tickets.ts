/**
 * Merging two tickets (issue 6 §2). A merge moves the messages, attachments
 * and ratings of one ticket into the other (same mailbox), keeps the older
 * creation date (a ticket is created by its first message), and leaves the
 * merged ticket closed with `merged_into_id` so its number still leads to the
 * right place. It refreshes the timing facts.
 *
 * Ticket events, in the same transaction: `ticket.merged` (and the status
 * change to closed) on the merged ticket, `ticket.merge_received` on the
 * surviving one with what it gained (tags, fields, contact). The audit row is
 * written with them.
 */
import { type Kysely, sql } from 'kysely';
import type { DB, TicketStatus } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { NewTicketEvent } from '../../shared/ticket-events.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { copyDemandNumbers } from './demand-numbers.ts';
import { eventActorOf } from './events/event-actor.ts';
import { recordTicketEvents } from './events/record-events.ts';
import { refreshTicketTimings } from './ticket-timings.ts';

type MergedTicket = {
  id: number;
  mailbox_id: string;
  status: TicketStatus;
  contact_id: string | null;
  organisation_id: string | null;
};

/** Merges ticket `fromId` into `intoId`; returns the surviving ticket id. */
export async function mergeTickets(
  db: Kysely<DB>,
  fromId: number,
  intoId: number,
  actor: Actor,
  now = new Date(),
): Promise<number> {
  if (fromId === intoId)
    throw new AppError('invalid_input', 'Invalid request: a ticket cannot be merged into itself');
  await db.transaction().execute(async (trx) => {
    const tickets = await trx
      .selectFrom('tickets')
      .selectAll()
      .where('id', 'in', [fromId, intoId])
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .forUpdate()
      .execute();
    const from = tickets.find((t) => t.id === fromId);
    const into = tickets.find((t) => t.id === intoId);
    if (!from || !into) throw new AppError('not_found', 'No such ticket.');
    if (from.merged_into_id !== null || into.merged_into_id !== null)
      throw new AppError('conflict', 'One of these tickets is already merged.');
    if (from.mailbox_id !== into.mailbox_id)
      throw new AppError('invalid_input', 'Invalid request: tickets of different mailboxes');
    const moved = await trx
      .updateTable('messages')
      .set({ ticket_id: intoId })
      .where('ticket_id', '=', fromId)
      .returning('id')
      .execute();
    await trx
      .updateTable('attachments')
      .set({ ticket_id: intoId })
      .where('ticket_id', '=', fromId)
      .execute();
    await trx
      .updateTable('ratings')
      .set({ ticket_id: intoId })
      .where('ticket_id', '=', fromId)
      .execute();
    const tags = await sql<{ tag_id: string }>`insert into ticket_tags (ticket_id, tag_id)
      select ${intoId}, tag_id from ticket_tags where ticket_id = ${fromId}
      on conflict do nothing returning tag_id`.execute(trx);
    const fields = await sql<{ field_id: string; value_id: string }>`
      insert into ticket_field_values (ticket_id, field_id, value_id, auto_filled, set_by, set_at)
      select ${intoId}, field_id, value_id, auto_filled, set_by, set_at
      from ticket_field_values where ticket_id = ${fromId}
      on conflict do nothing returning field_id, value_id`.execute(trx);
    await trx
      .updateTable('tickets')
      .set({
        created_at: new Date(Math.min(from.created_at.getTime(), into.created_at.getTime())),
        last_message_at: new Date(
          Math.max(from.last_message_at.getTime(), into.last_message_at.getTime()),
        ),
        contact_id: into.contact_id ?? from.contact_id,
        organisation_id: into.organisation_id ?? from.organisation_id,
        updated_at: now,
      })
      .where('id', '=', intoId)
      .execute();
    await trx
      .updateTable('tickets')
      .set({
        merged_into_id: intoId,
        status: 'closed',
        closed_at: now,
        updated_at: now,
        first_response_at: null,
        first_response_seconds: null,
        first_response_business_seconds: null,
      })
      .where('id', '=', fromId)
      .execute();
    await trx
      .insertInto('messages')
      .values([
        {
          ticket_id: intoId,
          mailbox_id: into.mailbox_id,
          kind: 'event',
          author_user_id: actor.userId,
          event_type: 'merged',
          event_data: JSON.stringify({ fromTicketId: fromId, fromNumber: from.number }),
          created_at: now,
        },
      ])
      .execute();
    await copyDemandNumbers(trx, { fromTicketId: fromId }, intoId);
    await recordTicketEvents(trx, eventActorOf(actor), [
      ...mergedEvents(from, intoId),
      {
        type: 'ticket.merge_received',
        ticketId: intoId,
        mailboxId: into.mailbox_id,
        data: { fromTicketId: fromId, messageIds: moved.map((m) => m.id) },
      },
      ...gainedEvents(into, from, tags.rows, fields.rows),
    ]);
    await refreshTicketTimings(trx, [intoId], undefined, eventActorOf(actor));
    await recordAudit(trx, {
      action: 'ticket.merged',
      actorUserId: actor.userId,
      targetType: 'ticket',
      targetId: String(intoId),
      ip: actor.ip,
      details: { from: fromId, into: intoId },
    });
  });
  return intoId;
}

/** The merged ticket's events: closed (when it was not) and merged. */
function mergedEvents(from: MergedTicket, intoId: number): NewTicketEvent[] {
  const ref = { ticketId: from.id, mailboxId: from.mailbox_id };
  return [
    ...(from.status === 'closed'
      ? []
      : [
          {
            type: 'ticket.status_changed' as const,
            ...ref,
            data: { from: from.status, to: 'closed' as const, reason: 'merged' as const },
          },
        ]),
    { type: 'ticket.merged', ...ref, data: { intoTicketId: intoId } },
  ];
}

/** What the surviving ticket gained from the merged one: tags, field values, a contact. */
function gainedEvents(
  into: MergedTicket,
  from: MergedTicket,
  tags: readonly { tag_id: string }[],
  fields: readonly { field_id: string; value_id: string }[],
): NewTicketEvent[] {
  const ref = { ticketId: into.id, mailboxId: into.mailbox_id };
  const contact: NewTicketEvent[] =
    into.contact_id === null && from.contact_id !== null
      ? [
          {
            type: 'ticket.contact_changed',
            ...ref,
            data: {
              from: null,
              to: from.contact_id,
              organisationId: into.organisation_id ?? from.organisation_id,
            },
          },
        ]
      : [];
  return [
    ...tags.map((t) => ({ type: 'ticket.tag_added' as const, ...ref, data: { tagId: t.tag_id } })),
    ...fields.map((f) => ({
      type: 'ticket.field_changed' as const,
      ...ref,
      data: { fieldId: f.field_id, from: null, to: f.value_id },
    })),
    ...contact,
  ];
}
