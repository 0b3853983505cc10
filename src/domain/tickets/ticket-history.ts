/**
 * What every agent change to a ticket writes besides the change itself: the
 * locked ticket row it starts from, the `event` message the thread shows
 * (who, from, to) and the audit row. The typed ticket events are recorded by
 * each use-case (change-ticket.ts, classify-ticket.ts, merge-tickets.ts, split-message.ts, …).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The ticket row, locked for the transaction; AppError('not_found') for a missing or deleted one. */
export async function lockTicket(trx: Transaction<DB>, ticketId: number) {
  const ticket = await trx
    .selectFrom('tickets')
    .select(['id', 'mailbox_id', 'status', 'assignee_id', 'merged_into_id', 'version'])
    .where('id', '=', ticketId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!ticket) throw new AppError('not_found', 'No such ticket.');
  return ticket;
}

/** The thread's `event` message of a change (the ticket view shows it). */
export async function addThreadEvent(
  trx: Db,
  ticket: { id: number; mailbox_id: string },
  actor: Actor,
  eventType: string,
  data: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('messages')
    .values({
      ticket_id: ticket.id,
      mailbox_id: ticket.mailbox_id,
      kind: 'event',
      author_user_id: actor.userId,
      event_type: eventType,
      event_data: JSON.stringify(data),
      created_at: now,
    })
    .execute();
}

/** One audit row on a ticket, in the change's transaction. */
export async function auditTicket(
  db: Db,
  actor: Actor,
  ticketId: number,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(db, {
    action,
    actorUserId: actor.userId,
    targetType: 'ticket',
    targetId: String(ticketId),
    ip: actor.ip,
    details,
  });
}
