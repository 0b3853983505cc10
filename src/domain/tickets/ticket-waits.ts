/**
 * A ticket that waits (issue 18 §2), as agents set it:
 *
 * - snooze ("en attente jusqu'au …"): the ticket becomes pending (out of the
 *   open folders) until `snoozed_until`; the job of ticket-waits-fire.ts makes
 *   it active again then, or the customer's answer does earlier;
 * - follow-up ("sans réponse du client dans N jours : relancer / fermer"):
 *   without the customer's answer by `follow_up_at`, the job sends the chosen
 *   saved reply, or closes the ticket.
 *
 * Each change writes its columns, a line of the ticket's history, its ticket
 * events and an audit row in one transaction. A customer's answer ends both
 * (`endWaitsOnCustomerAnswer`, in the transaction that appends the answer).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { NewTicketEvent, TicketEventActor } from '../../shared/ticket-events.ts';
import type { Actor } from '../audit/record-audit.ts';
import { eventActorOf } from './events/event-actor.ts';
import { recordTicketEvents } from './events/record-events.ts';
import { addThreadEvent, auditTicket } from './ticket-history.ts';

const dayMs = 86_400_000;

/** The ticket and its waits, locked; AppError('not_found') for a missing, deleted or merged one. */
async function lockWaits(trx: Transaction<DB>, ticketId: number) {
  const ticket = await trx
    .selectFrom('tickets')
    .select([
      'id',
      'mailbox_id',
      'status',
      'snoozed_until',
      'follow_up_at',
      'follow_up_action',
      'merged_into_id',
    ])
    .where('id', '=', ticketId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!ticket || ticket.merged_into_id !== null) throw new AppError('not_found', 'No such ticket.');
  return ticket;
}

/**
 * Snoozes the ticket until `until`, or wakes it now (`until` null). A closed or
 * spam ticket cannot be snoozed; `until` must be in the future (at most a year).
 */
export async function snoozeTicket(
  db: Kysely<DB>,
  ticketId: number,
  until: Date | null,
  actor: Actor,
  now = new Date(),
): Promise<void> {
  if (until !== null) {
    if (until.getTime() <= now.getTime())
      throw new AppError('invalid_input', 'Invalid request: until: must be in the future');
    if (until.getTime() > now.getTime() + 366 * dayMs)
      throw new AppError('invalid_input', 'Invalid request: until: at most a year ahead');
  }
  await db.transaction().execute(async (trx) => {
    const ticket = await lockWaits(trx, ticketId);
    const who = eventActorOf(actor);
    const ref = { ticketId: ticket.id, mailboxId: ticket.mailbox_id };
    if (until === null) {
      if (ticket.snoozed_until === null) return;
      const status = ticket.status === 'pending' ? 'active' : ticket.status;
      await trx
        .updateTable('tickets')
        .set({ snoozed_until: null, status, updated_at: now })
        .where('id', '=', ticket.id)
        .execute();
      await addThreadEvent(trx, ticket, actor, 'snooze_ended', { reason: 'agent' }, now);
      await recordTicketEvents(trx, who, [
        { type: 'ticket.snooze_ended', ...ref, data: { reason: 'agent' } },
        ...statusEvent(ref, ticket.status, status),
      ]);
      await auditTicket(trx, actor, ticket.id, 'ticket.changed', { snoozedUntil: null });
      return;
    }
    if (ticket.status !== 'active' && ticket.status !== 'pending')
      throw new AppError('invalid_input', 'Invalid request: only an open ticket can be snoozed');
    await trx
      .updateTable('tickets')
      .set({ snoozed_until: until, status: 'pending', closed_at: null, updated_at: now })
      .where('id', '=', ticket.id)
      .execute();
    const at = until.toISOString();
    await addThreadEvent(trx, ticket, actor, 'snoozed', { until: at }, now);
    await recordTicketEvents(trx, who, [
      { type: 'ticket.snoozed', ...ref, data: { until: at } },
      ...statusEvent(ref, ticket.status, 'pending'),
    ]);
    await auditTicket(trx, actor, ticket.id, 'ticket.changed', { snoozedUntil: at });
  });
}

type Status = 'active' | 'pending' | 'closed' | 'spam';

function statusEvent(
  ref: { ticketId: number; mailboxId: string },
  from: Status,
  to: Status,
): NewTicketEvent[] {
  return from === to
    ? []
    : [{ type: 'ticket.status_changed', ...ref, data: { from, to, reason: 'snooze' } }];
}

export type FollowUpInput = {
  days: number;
  action: 'remind' | 'close';
  savedReplyId: string | null;
};

/**
 * Sets the ticket's follow-up (replacing one set before), or removes it
 * (`followUp` null). A reminder's saved reply must be one the ticket's mailbox
 * may use (its own or a shared one).
 */
export async function setFollowUp(
  db: Kysely<DB>,
  ticketId: number,
  followUp: FollowUpInput | null,
  actor: Actor,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ticket = await lockWaits(trx, ticketId);
    const who = eventActorOf(actor);
    const ref = { ticketId: ticket.id, mailboxId: ticket.mailbox_id };
    if (followUp === null) {
      if (ticket.follow_up_at === null) return;
      await clearFollowUp(trx, ticket.id, now);
      await addThreadEvent(trx, ticket, actor, 'follow_up_cancelled', { reason: 'agent' }, now);
      await recordTicketEvents(trx, who, [
        { type: 'ticket.follow_up_cancelled', ...ref, data: { reason: 'agent' } },
      ]);
      await auditTicket(trx, actor, ticket.id, 'ticket.changed', { followUp: null });
      return;
    }
    if (ticket.status === 'spam')
      throw new AppError('invalid_input', 'Invalid request: a spam ticket has no follow-up');
    let replyName: string | null = null;
    if (followUp.savedReplyId !== null) {
      const reply = await trx
        .selectFrom('saved_replies')
        .select(['name'])
        .where('id', '=', followUp.savedReplyId)
        .where((eb) =>
          eb.or([eb('mailbox_id', 'is', null), eb('mailbox_id', '=', ticket.mailbox_id)]),
        )
        .executeTakeFirst();
      if (!reply)
        throw new AppError('invalid_input', 'Invalid request: savedReplyId: no such saved reply');
      replyName = reply.name;
    }
    const at = new Date(now.getTime() + followUp.days * dayMs);
    await trx
      .updateTable('tickets')
      .set({
        follow_up_at: at,
        follow_up_action: followUp.action,
        follow_up_reply_id: followUp.action === 'remind' ? followUp.savedReplyId : null,
        follow_up_by: actor.userId,
        updated_at: now,
      })
      .where('id', '=', ticket.id)
      .execute();
    const data = {
      at: at.toISOString(),
      action: followUp.action,
      savedReplyId: followUp.action === 'remind' ? followUp.savedReplyId : null,
    };
    await addThreadEvent(
      trx,
      ticket,
      actor,
      'follow_up_set',
      { ...data, days: followUp.days, replyName },
      now,
    );
    await recordTicketEvents(trx, who, [{ type: 'ticket.follow_up_set', ...ref, data }]);
    await auditTicket(trx, actor, ticket.id, 'ticket.changed', { followUp: data });
  });
}

/** Removes a ticket's follow-up columns (fired or cancelled). */
export async function clearFollowUp(trx: Transaction<DB>, ticketId: number, now: Date) {
  await trx
    .updateTable('tickets')
    .set({
      follow_up_at: null,
      follow_up_action: null,
      follow_up_reply_id: null,
      follow_up_by: null,
      updated_at: now,
    })
    .where('id', '=', ticketId)
    .execute();
}

/**
 * The customer answered: a snooze ends (the caller makes the ticket active) and
 * a follow-up is cancelled, with their history lines and events, in the
 * caller's transaction.
 */
export async function endWaitsOnCustomerAnswer(
  trx: Transaction<DB>,
  ticket: { id: number; mailboxId: string },
  actor: TicketEventActor,
  at: Date,
): Promise<void> {
  const row = await trx
    .selectFrom('tickets')
    .select(['snoozed_until', 'follow_up_at'])
    .where('id', '=', ticket.id)
    .forUpdate()
    .executeTakeFirst();
  if (!row || (row.snoozed_until === null && row.follow_up_at === null)) return;
  const events: NewTicketEvent[] = [];
  const system: Actor = { userId: null, label: null };
  const target = { id: ticket.id, mailbox_id: ticket.mailboxId };
  if (row.snoozed_until !== null) {
    await trx
      .updateTable('tickets')
      .set({ snoozed_until: null })
      .where('id', '=', ticket.id)
      .execute();
    await addThreadEvent(trx, target, system, 'snooze_ended', { reason: 'customer_reply' }, at);
    events.push({
      type: 'ticket.snooze_ended',
      ticketId: ticket.id,
      mailboxId: ticket.mailboxId,
      data: { reason: 'customer_reply' },
    });
  }
  if (row.follow_up_at !== null) {
    await clearFollowUp(trx, ticket.id, at);
    await addThreadEvent(
      trx,
      target,
      system,
      'follow_up_cancelled',
      { reason: 'customer_reply' },
      at,
    );
    events.push({
      type: 'ticket.follow_up_cancelled',
      ticketId: ticket.id,
      mailboxId: ticket.mailboxId,
      data: { reason: 'customer_reply' },
    });
  }
  await recordTicketEvents(trx, actor, events, at);
}
