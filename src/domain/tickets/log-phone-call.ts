/**
 * Phone calls (SPEC §2): an agent logs a call on a ticket, or opens a ticket
 * from a call. A logged call counts as the first response (SPEC §4) but is
 * not a reply: it is a `phone` message, never sent, never rated. Timing facts
 * are refreshed in the same transaction. Records `message.added` (and
 * `ticket.first_response` for the first response); a ticket opened from a call
 * records `ticket.opened` where every ticket is opened (open-ticket.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { recordWrittenDemandNumbers } from './demand-numbers.ts';
import { recordTicketEvent } from './events/record-events.ts';
import { insertTicket, upsertContact } from './open-ticket.ts';
import { refreshTicketTimings } from './ticket-timings.ts';

export type CallDetails = {
  direction: 'inbound' | 'outbound';
  durationSeconds: number;
  summary: string;
  authorUserId: string;
  /** When the call took place (default now). */
  at?: Date;
};

async function insertCall(
  trx: Transaction<DB>,
  ticket: { id: number; mailbox_id: string },
  call: CallDetails,
  at: Date,
): Promise<number> {
  const row = await trx
    .insertInto('messages')
    .values({
      ticket_id: ticket.id,
      mailbox_id: ticket.mailbox_id,
      kind: 'phone',
      author_user_id: call.authorUserId,
      body_text: call.summary,
      call_direction: call.direction,
      call_duration_seconds: call.durationSeconds,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordWrittenDemandNumbers(trx, [
    { ticketId: ticket.id, messageId: row.id, texts: [call.summary] },
  ]);
  const actor = { kind: 'user', userId: call.authorUserId } as const;
  await recordTicketEvent(trx, actor, {
    type: 'message.added',
    ticketId: ticket.id,
    mailboxId: ticket.mailbox_id,
    data: { messageId: row.id, kind: 'phone', authorUserId: call.authorUserId },
  });
  await refreshTicketTimings(trx, [ticket.id], undefined, actor);
  return row.id;
}

/** Logs a call on an existing ticket; AppError('not_found') for a missing or deleted one. */
export async function logPhoneCall(
  db: Kysely<DB>,
  input: CallDetails & { ticketId: number },
): Promise<{ messageId: number }> {
  const at = input.at ?? new Date();
  return db.transaction().execute(async (trx) => {
    const ticket = await trx
      .selectFrom('tickets')
      .select(['id', 'mailbox_id', 'last_message_at'])
      .where('id', '=', input.ticketId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!ticket) throw new AppError('not_found', 'No such ticket.');
    const messageId = await insertCall(trx, ticket, input, at);
    const later = at > ticket.last_message_at ? { last_message_at: at } : {};
    await trx
      .updateTable('tickets')
      .set({ updated_at: new Date(), ...later })
      .where('id', '=', ticket.id)
      .execute();
    return { messageId };
  });
}

export type CallContact = { email?: string; name?: string; phone?: string };

/**
 * Opens a ticket from a call: the ticket is created at the call (its first
 * message), so its first response is the call itself (0 s).
 */
export async function openTicketFromCall(
  db: Kysely<DB>,
  input: CallDetails & { mailboxId: string; subject: string; contact: CallContact },
): Promise<{ ticketId: number; number: number; messageId: number }> {
  const at = input.at ?? new Date();
  return db.transaction().execute(async (trx) => {
    const mailbox = await trx
      .selectFrom('mailboxes')
      .select('id')
      .where('id', '=', input.mailboxId)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (!mailbox) throw new AppError('not_found', 'No such mailbox.');
    const contactId = await upsertContact(trx, input.contact);
    // The agent who took the call opened the ticket.
    const created = await insertTicket(
      trx,
      { mailboxId: mailbox.id, subject: input.subject, contactId, channel: 'phone', at },
      { kind: 'user', userId: input.authorUserId },
    );
    const ticket = { ...created, mailbox_id: mailbox.id };
    const messageId = await insertCall(trx, ticket, input, at);
    return { ticketId: ticket.id, number: ticket.number, messageId };
  });
}
