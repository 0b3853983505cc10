/**
 * What an agent changes on a ticket (issue 6 §2): status, assignee and tags.
 * Each change is written with an `event` message in the thread (who, from,
 * to), its ticket event (`ticket.status_changed`, `ticket.assignee_changed`,
 * `ticket.tag_added` / `ticket.tag_removed`) and one audit row, all in one
 * transaction. Closing needs every field the supervisor made required before
 * closing (required-fields.ts); a refused change writes nothing.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, TicketStatus } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { mailboxScopeOf, scopeAllows } from '../../policies/mailbox-access.ts';
import type { TicketChange } from '../../shared/workspace-contracts.ts';
import type { Actor } from '../audit/record-audit.ts';
import { eventActorOf } from './events/event-actor.ts';
import { recordTicketEvent } from './events/record-events.ts';
import { assertClosable } from './required-fields.ts';
import { assertNotStale } from './stale-change.ts';
import { addThreadEvent, auditTicket, lockTicket } from './ticket-history.ts';
import { addTag, setTags } from './ticket-tags.ts';

type Db = Kysely<DB> | Transaction<DB>;
type LockedTicket = Awaited<ReturnType<typeof lockTicket>>;

/** An assignee must be an enabled agent (or above) who sees the ticket's mailbox. */
async function assertAssignable(trx: Db, userId: string, mailboxId: string): Promise<string> {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'name', 'role', 'all_mailboxes'])
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!user || user.role === 'viewer')
    throw new AppError('invalid_input', 'Invalid request: assigneeId: not an agent');
  if (!scopeAllows(await mailboxScopeOf(trx, user), mailboxId))
    throw new AppError('invalid_input', 'Invalid request: assigneeId: cannot see this mailbox');
  return user.name;
}

async function changeStatus(
  trx: Transaction<DB>,
  ticket: LockedTicket,
  status: TicketStatus,
  actor: Actor,
  now: Date,
): Promise<void> {
  if (status === 'closed') await assertClosable(trx, ticket.id);
  await trx
    .updateTable('tickets')
    .set({ status, closed_at: status === 'closed' ? now : null, updated_at: now })
    .where('id', '=', ticket.id)
    .execute();
  await addThreadEvent(
    trx,
    ticket,
    actor,
    'status_changed',
    { from: ticket.status, to: status },
    now,
  );
  await recordTicketEvent(trx, eventActorOf(actor), {
    type: 'ticket.status_changed',
    ticketId: ticket.id,
    mailboxId: ticket.mailbox_id,
    data: { from: ticket.status, to: status },
  });
}

async function changeAssignee(
  trx: Transaction<DB>,
  ticket: LockedTicket,
  assigneeId: string | null,
  actor: Actor,
  now: Date,
): Promise<void> {
  const name = assigneeId ? await assertAssignable(trx, assigneeId, ticket.mailbox_id) : null;
  await trx
    .updateTable('tickets')
    .set({ assignee_id: assigneeId, updated_at: now })
    .where('id', '=', ticket.id)
    .execute();
  await addThreadEvent(
    trx,
    ticket,
    actor,
    'assigned',
    { from: ticket.assignee_id, to: assigneeId, toName: name },
    now,
  );
  await recordTicketEvent(trx, eventActorOf(actor), {
    type: 'ticket.assignee_changed',
    ticketId: ticket.id,
    mailboxId: ticket.mailbox_id,
    data: { from: ticket.assignee_id, to: assigneeId },
  });
}

/**
 * Applies a status / assignee / tags change; returns what changed. A change that
 * carries the `version` it saw is refused (`stale_ticket`) when the ticket's
 * state changed since (stale-change.ts).
 */
export async function changeTicket(
  db: Kysely<DB>,
  ticketId: number,
  change: TicketChange,
  actor: Actor,
  now = new Date(),
): Promise<string[]> {
  return db.transaction().execute((trx) => changeTicketIn(trx, ticketId, change, actor, now));
}

/** `changeTicket` inside the caller's transaction (a rule's or a macro's actions, issue 19). */
export async function changeTicketIn(
  trx: Transaction<DB>,
  ticketId: number,
  change: TicketChange,
  actor: Actor,
  now = new Date(),
): Promise<string[]> {
  const ticket = await lockTicket(trx, ticketId);
  await assertNotStale(trx, ticket, change.version, actor.userId);
  const done: string[] = [];
  if (change.status !== undefined && change.status !== ticket.status) {
    await changeStatus(trx, ticket, change.status, actor, now);
    done.push('status');
  }
  if (change.assigneeId !== undefined && change.assigneeId !== ticket.assignee_id) {
    await changeAssignee(trx, ticket, change.assigneeId, actor, now);
    done.push('assignee');
  }
  if (change.tags !== undefined) {
    await setTags(trx, ticket, change.tags, eventActorOf(actor));
    done.push('tags');
  }
  if (done.length > 0)
    await auditTicket(trx, actor, ticketId, 'ticket.changed', { ...change, changed: done });
  return done;
}

/**
 * Adds one tag to a ticket (the inbox's bulk action): `ticket.tag_added` when
 * it was not there yet, and the audit row, in one transaction.
 */
export async function addTicketTag(
  db: Kysely<DB>,
  ticketId: number,
  tag: string,
  actor: Actor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, ticketId);
    await addTag(trx, ticket, tag, eventActorOf(actor));
    await auditTicket(trx, actor, ticketId, 'ticket.changed', { addTag: tag });
  });
}
