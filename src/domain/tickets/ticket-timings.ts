/**
 * Timing facts stored on tickets when they happen (SPEC §4), so reports only
 * aggregate stored columns:
 *
 * - first_response_at: the first agent reply or logged phone call;
 * - first_response_seconds: from creation to it, calendar time;
 * - first_response_business_seconds: the same in business time.
 *
 * Every writer that adds, moves or removes a reply or phone message (mail,
 * phone logging, import, merge, split) calls `refreshTicketTimings` in the
 * same transaction, with who caused the change: each ticket whose facts it
 * stores (not cleared) then records `ticket.first_response`.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TicketEventActor } from '../../shared/ticket-events.ts';
import { type BusinessHours, businessSeconds } from './business-hours.ts';
import { recordTicketEvents } from './events/record-events.ts';
import { loadBusinessHours } from './load-business-hours.ts';

export { BUSINESS_HOURS_SETTING, loadBusinessHours } from './load-business-hours.ts';

export type FirstResponseFacts = {
  at: Date | null;
  /** Calendar seconds from creation to the first response. */
  calendar: number | null;
  /** The same in business time. */
  business: number | null;
};

/**
 * The first-response facts of a ticket created at `createdAt` whose first
 * reply or phone call is `at` (null: none yet). Writers that hold a new
 * ticket's messages in memory (the import) store these with the ticket.
 */
export function firstResponseFacts(
  createdAt: Date,
  at: Date | null,
  hours: BusinessHours,
): FirstResponseFacts {
  if (!at) return { at: null, calendar: null, business: null };
  return {
    at,
    calendar: Math.max(0, Math.floor((at.getTime() - createdAt.getTime()) / 1000)),
    business: businessSeconds(createdAt, at, hours),
  };
}

/**
 * Recomputes and stores the first-response facts of the given tickets from
 * their messages (kinds `reply` and `phone`). Safe to call for any batch size;
 * tickets with no response get nulls. With an `actor`, records
 * `ticket.first_response` for each ticket whose stored facts change to a response.
 *
 * @param hours office hours for the business-time figure; read from settings when omitted.
 * @param actor who caused the response; omitted only by bulk writers of test and
 *   seed data (fixtures, benchmarks), which record no events.
 */
export async function refreshTicketTimings(
  db: Kysely<DB>,
  ticketIds: readonly number[],
  hours?: BusinessHours,
  actor?: TicketEventActor,
): Promise<void> {
  if (ticketIds.length === 0) return;
  const ids = [...new Set(ticketIds)];
  const { rows } = await sql<{
    id: number;
    created_at: Date;
    at: Date | null;
    message_id: number | null;
  }>`
    select t.id, t.created_at, first.created_at as at, first.id as message_id
    from tickets t
    left join lateral (select m.id, m.created_at from messages m
        where m.ticket_id = t.id and m.kind in ('reply', 'phone')
        order by m.created_at, m.id limit 1) first on true
    where t.id = any(${ids}::bigint[])`.execute(db);
  const officeHours = hours ?? (await loadBusinessHours(db));
  const facts = rows.map((row) => ({
    id: row.id,
    ...firstResponseFacts(row.created_at, row.at ? new Date(row.at) : null, officeHours),
  }));
  const stored = await sql<{ id: number; mailbox_id: string }>`
    update tickets t set
      first_response_at = f.at,
      first_response_seconds = f.calendar,
      first_response_business_seconds = f.business
    from unnest(
      ${facts.map((f) => f.id)}::bigint[],
      ${facts.map((f) => f.at?.toISOString() ?? null)}::timestamptz[],
      ${facts.map((f) => f.calendar)}::int[],
      ${facts.map((f) => f.business)}::int[]
    ) as f(id, at, calendar, business)
    where t.id = f.id
      and (t.first_response_at is distinct from f.at
        or t.first_response_seconds is distinct from f.calendar
        or t.first_response_business_seconds is distinct from f.business)
    returning t.id, t.mailbox_id`.execute(db);
  if (!actor) return;
  const firstMessage = new Map(rows.map((row) => [row.id, row.message_id]));
  const factsOf = new Map(facts.map((f) => [f.id, f]));
  await recordTicketEvents(
    db,
    actor,
    stored.rows.flatMap((ticket) => {
      const f = factsOf.get(ticket.id);
      const messageId = firstMessage.get(ticket.id);
      if (!f || f.calendar === null || f.business === null || !messageId) return [];
      return [
        {
          type: 'ticket.first_response' as const,
          ticketId: ticket.id,
          mailboxId: ticket.mailbox_id,
          data: { messageId, seconds: f.calendar, businessSeconds: f.business },
        },
      ];
    }),
  );
}
