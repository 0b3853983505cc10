/**
 * The fan-out of ticket events to webhook subscriptions (issue 21 §3): the
 * events after the stored cursor become one message per matching subscription,
 * and the cursor moves, in one transaction. The cursor row is locked with
 * SKIP LOCKED, so with several instances one fans out at a time and the
 * others pass; the unique (webhook, event) key makes a message exist once.
 *
 * Events are read in (tx, id) order, only those of transactions older than
 * every transaction still running (`tx < pg_snapshot_xmin`): every such
 * transaction has ended, and any event still to come belongs to a newer one,
 * so that order has no late arrivals. Reading "id > last id" would skip an
 * event whose transaction took its id early and committed after a younger
 * one's (the bench found such losses with concurrent writers). A ticket's own
 * events are written under its row lock; deliveries leave in event id order.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  isTicketEventType,
  type TicketEvent,
  type TicketEventActor,
} from '../../shared/ticket-events.ts';
import type { WebhookPayload } from '../../shared/webhook-contracts.ts';

export type FanOutPass = { events: number; deliveries: number; more: boolean };

type Subscription = {
  id: string;
  mailbox_ids: string[];
  event_types: string[];
  start_event_id: number;
};

const matches = (s: Subscription, e: TicketEvent) =>
  e.id > s.start_event_id &&
  (s.mailbox_ids.length === 0 || s.mailbox_ids.includes(e.mailboxId)) &&
  (s.event_types.length === 0 || s.event_types.includes(e.type));

/** The body of an event's message: the event as the contract has it, and the ticket's number. */
export function eventPayload(event: TicketEvent, ticketNumber: number | null): WebhookPayload {
  return {
    type: event.type,
    timestamp: event.at,
    data: {
      eventId: event.id,
      ticketId: event.ticketId,
      ticketNumber,
      mailboxId: event.mailboxId,
      actor: event.actor,
      data: event.data,
    },
  };
}

type EventRow = {
  tx: string;
  id: number;
  at: Date;
  ticket_id: number;
  mailbox_id: string;
  type: string;
  actor_kind: 'user' | 'contact' | 'system' | 'rule' | 'import';
  actor_user_id: string | null;
  actor_rule_id: string | null;
  data: Record<string, unknown>;
};

function actorOf(row: EventRow): TicketEventActor {
  if (row.actor_kind === 'user')
    return row.actor_user_id ? { kind: 'user', userId: row.actor_user_id } : { kind: 'system' };
  if (row.actor_kind === 'rule')
    return row.actor_rule_id ? { kind: 'rule', ruleId: row.actor_rule_id } : { kind: 'rule' };
  return { kind: row.actor_kind };
}

/** The events after (`tx`, `id`) of ended transactions, in (tx, id) order. */
async function eventsAfter(trx: Transaction<DB>, tx: string, id: number, limit: number) {
  const result = await sql<EventRow>`
    select tx::text as tx, id, at, ticket_id, mailbox_id, type, actor_kind, actor_user_id,
      actor_rule_id, data
    from ticket_events
    where (tx, id) > (${tx}::xid8, ${id}::bigint)
      and tx < pg_snapshot_xmin(pg_current_snapshot())
    order by tx, id
    limit ${limit}`.execute(trx);
  return result.rows;
}

const eventOf = (row: EventRow) =>
  ({
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    type: row.type,
    ticketId: Number(row.ticket_id),
    mailboxId: row.mailbox_id,
    actor: actorOf(row),
    data: row.data,
  }) as TicketEvent;

/** One pass: up to `limit` events turned into messages. */
export async function fanOutEvents(db: Kysely<DB>, limit = 1000): Promise<FanOutPass> {
  return db.transaction().execute(async (trx) => {
    const cursor = await trx
      .selectFrom('webhook_cursor')
      .select([sql<string>`last_tx::text`.as('last_tx'), 'last_event_id'])
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!cursor) return { events: 0, deliveries: 0, more: false };
    const rows = await eventsAfter(trx, cursor.last_tx, Number(cursor.last_event_id), limit);
    const lastRow = rows[rows.length - 1];
    if (!lastRow) return { events: 0, deliveries: 0, more: false };
    // Each ticket's events in id order (a ticket's transactions follow each other under its lock).
    const events = rows
      .filter((row) => isTicketEventType(row.type))
      .map(eventOf)
      .sort((a, b) => a.id - b.id);
    const subscriptions = await trx
      .selectFrom('webhooks')
      .select(['id', 'mailbox_ids', 'event_types', 'start_event_id'])
      .where('enabled', '=', true)
      .execute();
    const wanted = events.flatMap((event) =>
      subscriptions.filter((s) => matches(s, event)).map((s) => ({ s, event })),
    );
    let deliveries = 0;
    if (wanted.length > 0) {
      const ticketIds = [...new Set(wanted.map((w) => w.event.ticketId))];
      const numbers = new Map(
        (
          await trx
            .selectFrom('tickets')
            .select(['id', 'number'])
            .where('id', 'in', ticketIds)
            .execute()
        ).map((t) => [t.id, Number(t.number)]),
      );
      for (let i = 0; i < wanted.length; i += 500) {
        const rows = wanted.slice(i, i + 500).map(({ s, event }) => ({
          webhook_id: s.id,
          event_id: event.id,
          ticket_id: event.ticketId,
          type: event.type,
          payload: JSON.stringify(eventPayload(event, numbers.get(event.ticketId) ?? null)),
        }));
        const inserted = await trx
          .insertInto('webhook_deliveries')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['webhook_id', 'event_id']).where('event_id', 'is not', null).doNothing(),
          )
          .returning('id')
          .execute();
        deliveries += inserted.length;
      }
    }
    await trx
      .updateTable('webhook_cursor')
      .set({ last_tx: sql<string>`${lastRow.tx}::xid8`, last_event_id: Number(lastRow.id) })
      .execute();
    return { events: rows.length, deliveries, more: rows.length === limit };
  });
}
