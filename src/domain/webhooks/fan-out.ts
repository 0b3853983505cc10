/**
 * The fan-out of ticket events to webhook subscriptions (issue 21 §3): the
 * events after the stored cursor (read with readTicketEvents, in id order,
 * never skipping a late commit) become one message per matching subscription,
 * and the cursor moves, in one transaction. The cursor row is locked with
 * SKIP LOCKED, so with several instances one fans out at a time and the
 * others pass; the unique (webhook, event) key makes a message exist once.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TicketEvent } from '../../shared/ticket-events.ts';
import type { WebhookPayload } from '../../shared/webhook-contracts.ts';
import { readTicketEvents } from '../tickets/events/read-events.ts';

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

/** One pass: up to `limit` events turned into messages. */
export async function fanOutEvents(db: Kysely<DB>, limit = 1000): Promise<FanOutPass> {
  return db.transaction().execute(async (trx) => {
    const cursor = await trx
      .selectFrom('webhook_cursor')
      .select('last_event_id')
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!cursor) return { events: 0, deliveries: 0, more: false };
    const events = await readTicketEvents(trx, { afterId: cursor.last_event_id, limit });
    if (events.length === 0) return { events: 0, deliveries: 0, more: false };
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
    const last = events[events.length - 1]?.id ?? cursor.last_event_id;
    await trx.updateTable('webhook_cursor').set({ last_event_id: last }).execute();
    return { events: events.length, deliveries, more: events.length === limit };
  });
}
