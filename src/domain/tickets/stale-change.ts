/**
 * Two agents editing one ticket (issue 16 §7): a change carries the ticket's
 * `version` it saw (the ticket view shows it: the id of the newest ticket event,
 * kept by events/record-events.ts). When events that change what the agent
 * decided on were recorded since, the change is refused with `stale_ticket`
 * (409) and the answer lists them, with who made them, so the app can say what
 * changed and let the agent apply the change again on the fresh ticket.
 *
 * Messages, notes, ratings and delivery reports do not make a change stale:
 * they add to the thread and change none of the ticket's state. A reply is never
 * refused for them either; only the status it sets is checked (reply-to-ticket.ts).
 * Bulk changes (bulk-change.ts) carry no version: they are an explicit action on
 * a selection, applied to each ticket as it is. The agent's own changes never make
 * their change stale: a reply that moved the status, then "close" pressed before
 * the page read the ticket again, is one person's intent, not a conflict.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { StaleChangeDto } from '../../shared/workspace-contracts.ts';

/** The events that change a ticket's state (what a PATCH or a classification decides on). */
export const stateEventTypes = [
  'ticket.status_changed',
  'ticket.assignee_changed',
  'ticket.field_changed',
  'ticket.tag_added',
  'ticket.tag_removed',
  'ticket.subject_changed',
  'ticket.mailbox_changed',
  'ticket.contact_changed',
  'ticket.merged',
  'ticket.merge_received',
  'ticket.deleted',
  'ticket.restored',
] as const;

/** What a status chosen with a reply depends on. */
export const statusEventTypes = ['ticket.status_changed', 'ticket.merged'] as const;

/**
 * Refuses the change of user `by` when `ticket` (locked by the caller) recorded
 * events of `types` made by anyone else after the version `seen`; no version
 * given, no check.
 */
export async function assertNotStale(
  trx: Transaction<DB>,
  ticket: { id: number; version: number },
  seen: number | undefined,
  by: string | null,
  types: readonly string[] = stateEventTypes,
): Promise<void> {
  if (seen === undefined || ticket.version <= seen) return;
  const rows = await trx
    .selectFrom('ticket_events')
    .leftJoin('users', 'users.id', 'ticket_events.actor_user_id')
    .select([
      'ticket_events.type',
      'ticket_events.at',
      'ticket_events.actor_kind',
      'ticket_events.data',
      'users.name',
    ])
    .where('ticket_events.ticket_id', '=', ticket.id)
    .where('ticket_events.id', '>', seen)
    .where('ticket_events.type', 'in', [...types])
    .where(sql<boolean>`ticket_events.actor_user_id is distinct from ${by}::uuid`)
    .orderBy('ticket_events.id')
    .limit(50)
    .execute();
  if (rows.length === 0) return;
  const changes: StaleChangeDto[] = rows.map((row) => ({
    type: row.type,
    at: row.at.toISOString(),
    by: row.name ?? null,
    byKind: row.actor_kind,
    data: row.data,
  }));
  throw new AppError('stale_ticket', 'This ticket was changed since you opened it.', {
    public: { version: ticket.version, changes },
  });
}
