/**
 * The one writer of `ticket_events` (contract: src/shared/ticket-events.ts).
 * Call it inside the transaction that makes the change, so the event exists
 * exactly when the change does. Data is checked against the contract: a writer
 * that records a wrong shape fails its own transaction (a bug, not bad input).
 *
 * It also moves each ticket's `version` (migration 0024) to the id of its newest
 * event: every write to a ticket records events here, so no writer can forget it,
 * and a change that carries an older version knows what it missed
 * (stale-change.ts). The bulk writer (record-events-bulk.ts: the import's new
 * tickets, anonymisation) leaves versions alone.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import {
  type NewTicketEvent,
  type TicketEventActor,
  ticketEventData,
} from '../../../shared/ticket-events.ts';
import { movesDueTime, refreshTicketDueTimes } from '../ticket-due-times.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Appends `events` in order (one statement); does nothing for an empty list. */
export async function recordTicketEvents(
  db: Db,
  actor: TicketEventActor,
  events: readonly NewTicketEvent[],
  at?: Date,
): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event) => {
    const data = ticketEventData[event.type].parse(event.data);
    return {
      ticket_id: event.ticketId,
      mailbox_id: event.mailboxId,
      type: event.type,
      actor_kind: actor.kind,
      actor_user_id: actor.kind === 'user' ? actor.userId : null,
      actor_rule_id: actor.kind === 'rule' ? (actor.ruleId ?? null) : null,
      data: JSON.stringify(data),
      ...(at ? { at } : {}),
    };
  });
  const inserted = await db
    .insertInto('ticket_events')
    .values(rows)
    .returning(['id', 'ticket_id'])
    .execute();
  const newest = new Map<number, number>();
  for (const row of inserted)
    newest.set(row.ticket_id, Math.max(row.id, newest.get(row.ticket_id) ?? 0));
  await sql`
    update tickets t set version = x.version
    from unnest(${[...newest.keys()]}::bigint[], ${[...newest.values()]}::bigint[])
      as x(id, version)
    where t.id = x.id and t.version < x.version`.execute(db);
  // the due times these events move, in the same transaction (issue 18)
  await refreshTicketDueTimes(
    db,
    events.filter((e) => movesDueTime(e.type)).map((e) => e.ticketId),
  );
}

/** Appends one event. */
export function recordTicketEvent(
  db: Db,
  actor: TicketEventActor,
  event: NewTicketEvent,
  at?: Date,
): Promise<void> {
  return recordTicketEvents(db, actor, [event], at);
}
