/**
 * Every open ticket under a response target carries its due time (issue 18):
 * `tickets.due_at` / `due_kind` (the list's order and display) and its detail
 * in `ticket_due_times` (the escalation job's queue), migration 0033.
 *
 * The one place they are written: `refreshTicketDueTimes`, called by the event
 * recorders (events/record-events.ts, events/record-events-bulk.ts, and the
 * form's one statement) in the transaction of the events that change them, so
 * the due time cannot drift from the ticket. It reads the facts the events
 * leave (status, messages, field values, organisation) and the target version
 * valid when the ticket was opened (domain/targets/compute-due.ts).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TicketEventType } from '../../shared/ticket-events.ts';
import { computeDue, type Due } from '../targets/compute-due.ts';
import { loadBusinessHours } from './load-business-hours.ts';

/** Events that cannot move a due time (and those the escalation itself records). */
const inert = new Set<TicketEventType>([
  'ticket.tag_added',
  'ticket.tag_removed',
  'ticket.subject_changed',
  'ticket.rated',
  'message.delivery_failed',
  'ticket.anonymised',
  'ticket.target_warning',
  'ticket.target_missed',
  'ticket.notified',
]);

/** Whether an event of this type may move its ticket's due time. */
export const movesDueTime = (type: TicketEventType): boolean => !inert.has(type);

type FactsRow = {
  id: number;
  mailbox_id: string;
  status: 'active' | 'pending' | 'closed' | 'spam';
  open: boolean;
  created_at: Date;
  first_response_at: Date | null;
  last_response_at: Date | null;
  last_customer_at: Date | null;
  version_id: number | null;
  first_response_seconds: number | null;
  next_response_seconds: number | null;
  resolution_seconds: number | null;
  business_hours: boolean | null;
  warn_before_seconds: number | null;
};

const date = (value: Date | string | null): Date | null =>
  value === null ? null : new Date(value);
const iso = (value: Date | null | undefined): string | null => value?.toISOString() ?? null;

/**
 * Recomputes and stores the due times of these tickets. The target of a ticket is
 * the most specific of its mailbox (narrowed by a field value the ticket holds or by
 * its organisation's partner type, before the mailbox-wide one), in the version
 * valid when the ticket was opened.
 */
export async function refreshTicketDueTimes(
  db: Kysely<DB>,
  ticketIds: readonly number[],
): Promise<void> {
  if (ticketIds.length === 0) return;
  const ids = [...new Set(ticketIds)];
  const { rows } = await sql<FactsRow>`
    select t.id, t.mailbox_id, t.status, t.created_at,
      (t.deleted_at is null and t.merged_into_id is null) as open,
      r.first_response_at, r.last_response_at, r.last_customer_at,
      v.id as version_id, v.first_response_seconds, v.next_response_seconds,
      v.resolution_seconds, v.business_hours, v.warn_before_seconds
    from tickets t
    join lateral (
      select v.* from response_targets rt
      join lateral (select * from response_target_versions x
          where x.target_id = rt.id and x.valid_from <= t.created_at
          order by x.valid_from desc, x.id desc limit 1) v on true
      where rt.mailbox_id = t.mailbox_id and not v.removed
        and (rt.field_value_id is null or exists (select 1 from ticket_field_values tfv
          where tfv.ticket_id = t.id and tfv.value_id = rt.field_value_id))
        and (rt.organisation_type_value_id is null or exists (select 1 from organisations o
          where o.id = t.organisation_id
            and o.partner_type_value_id = rt.organisation_type_value_id))
      order by (rt.field_value_id is not null or rt.organisation_type_value_id is not null) desc,
        rt.created_at, rt.id
      limit 1) v on t.status in ('active', 'pending')
    left join lateral (
      select min(m.created_at) filter (where m.kind in ('reply', 'phone')) as first_response_at,
        max(m.created_at) filter (where m.kind in ('reply', 'phone')) as last_response_at,
        max(m.created_at) filter (where m.kind = 'customer') as last_customer_at
      from messages m where m.ticket_id = t.id) r on true
    where t.id = any(${ids}::bigint[])`.execute(db);
  const hours = rows.some((r) => r.business_hours) ? await loadBusinessHours(db) : null;
  const dues = new Map<number, { row: FactsRow; due: Due }>();
  for (const row of rows) {
    const due = computeDue(
      {
        status: row.status,
        open: row.open,
        createdAt: new Date(row.created_at),
        firstResponseAt: date(row.first_response_at),
        lastResponseAt: date(row.last_response_at),
        lastCustomerAt: date(row.last_customer_at),
      },
      {
        firstResponseSeconds: row.first_response_seconds,
        nextResponseSeconds: row.next_response_seconds,
        resolutionSeconds: row.resolution_seconds,
        businessHours: row.business_hours ?? false,
        warnBeforeSeconds: row.warn_before_seconds ?? 0,
      },
      hours ?? { timeZone: 'Europe/Paris', days: {}, excludePublicHolidays: true },
    );
    if (due) dues.set(row.id, { row, due });
  }
  const list = [...dues.values()];
  const none = ids.filter((id) => !dues.has(id));
  // the tickets' own columns: due time or none
  await sql`
    update tickets t set due_at = d.at, due_kind = d.kind
    from unnest(${[...list.map((d) => d.row.id), ...none]}::bigint[],
      ${[...list.map((d) => iso(d.due.at)), ...none.map(() => null)]}::timestamptz[],
      ${[...list.map((d) => d.due.kind), ...none.map(() => null)]}::text[]) as d(id, at, kind)
    where t.id = d.id and (t.due_at is distinct from d.at or t.due_kind is distinct from d.kind)`.execute(
    db,
  );
  if (none.length > 0)
    await db.deleteFrom('ticket_due_times').where('ticket_id', 'in', none).execute();
  if (list.length === 0) return;
  await sql`
    insert into ticket_due_times (ticket_id, mailbox_id, target_version_id, due_kind, due_at,
      warn_at, first_response_due_at, next_response_due_at, resolution_due_at)
    select * from unnest(${list.map((d) => d.row.id)}::bigint[],
      ${list.map((d) => d.row.mailbox_id)}::uuid[], ${list.map((d) => d.row.version_id)}::bigint[],
      ${list.map((d) => d.due.kind)}::text[], ${list.map((d) => iso(d.due.at))}::timestamptz[],
      ${list.map((d) => iso(d.due.warnAt))}::timestamptz[],
      ${list.map((d) => iso(d.due.firstResponse))}::timestamptz[],
      ${list.map((d) => iso(d.due.nextResponse))}::timestamptz[],
      ${list.map((d) => iso(d.due.resolution))}::timestamptz[])
    on conflict (ticket_id) do update set mailbox_id = excluded.mailbox_id,
      target_version_id = excluded.target_version_id, due_kind = excluded.due_kind,
      due_at = excluded.due_at, warn_at = excluded.warn_at,
      first_response_due_at = excluded.first_response_due_at,
      next_response_due_at = excluded.next_response_due_at,
      resolution_due_at = excluded.resolution_due_at`.execute(db);
}
