/**
 * The bulk form of `recordTicketEvents` (record-events.ts), for writers of
 * thousands of rows at once (the import's batches): one statement whatever the
 * count, the rows passed as arrays and expanded with `unnest` (a multi-row
 * VALUES would run out of parameters). Rows of one type are built by the same
 * code, so each type's shape is checked against the contract on its first row
 * only: a wrong shape still fails the caller's transaction, at a fraction of
 * the cost of checking every row.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import {
  type NewTicketEvent,
  type TicketEventActor,
  type TicketEventType,
  ticketEventData,
} from '../../../shared/ticket-events.ts';
import { movesDueTime, refreshTicketDueTimes } from '../ticket-due-times.ts';

/** Appends `events` in order, in one statement; does nothing for an empty list. */
export async function recordTicketEventsBulk(
  db: Kysely<DB>,
  actor: TicketEventActor,
  events: readonly NewTicketEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const checked = new Set<TicketEventType>();
  const data = events.map((event) => {
    if (checked.has(event.type)) return JSON.stringify(event.data);
    checked.add(event.type);
    return JSON.stringify(ticketEventData[event.type].parse(event.data));
  });
  await sql`
    insert into ticket_events (ticket_id, mailbox_id, type, actor_kind, actor_user_id,
      actor_rule_id, data)
    select x.ticket_id, x.mailbox_id, x.type, ${actor.kind},
      ${actor.kind === 'user' ? actor.userId : null}::uuid,
      ${actor.kind === 'rule' ? (actor.ruleId ?? null) : null}::uuid, x.data::jsonb
    from unnest(${events.map((e) => e.ticketId)}::bigint[], ${events.map((e) => e.mailboxId)}::uuid[],
      ${events.map((e) => e.type)}::text[], ${data}::text[]) with ordinality
      as x(ticket_id, mailbox_id, type, data, n)
    order by x.n`.execute(db);
  // the due times these events move, in the same transaction (issue 18)
  await refreshTicketDueTimes(
    db,
    events.filter((e) => movesDueTime(e.type)).map((e) => e.ticketId),
  );
}
