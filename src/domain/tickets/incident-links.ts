/**
 * Tickets linked to a known incident (issue 20 §2): an agent links or unlinks
 * them, Guichet links new ones as they arrive (domain/incidents/autolink.ts).
 * Each link that changes records `ticket.incident_linked` / `_unlinked`.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { NewTicketEvent, TicketEventActor } from '../../shared/ticket-events.ts';
import { recordTicketEvents } from './events/record-events.ts';

/** Links `ticketIds` (those not linked yet); returns the ids newly linked. */
export async function linkTicketsToIncident(
  trx: Transaction<DB>,
  incidentId: string,
  ticketIds: readonly number[],
  actor: TicketEventActor,
): Promise<number[]> {
  if (ticketIds.length === 0) return [];
  const linkedBy = actor.kind === 'user' ? actor.userId : null;
  const { rows } = await sql<{ ticket_id: number; mailbox_id: string }>`
    insert into incident_tickets (incident_id, ticket_id, linked_by)
    select ${incidentId}::uuid, t.id, ${linkedBy}::uuid
    from tickets t
    where t.id = any(${[...new Set(ticketIds)]}::bigint[]) and t.deleted_at is null
    on conflict (incident_id, ticket_id) do nothing
    returning ticket_id, (select mailbox_id from tickets where id = ticket_id)`.execute(trx);
  await recordTicketEvents(
    trx,
    actor,
    rows.map((row) => linkEvent(row, 'ticket.incident_linked', incidentId)),
  );
  return rows.map((row) => Number(row.ticket_id));
}

/** Unlinks one ticket; false when it was not linked. */
export async function unlinkTicketFromIncident(
  trx: Transaction<DB>,
  incidentId: string,
  ticketId: number,
  actor: TicketEventActor,
): Promise<boolean> {
  const { rows } = await sql<{ ticket_id: number; mailbox_id: string }>`
    delete from incident_tickets i using tickets t
    where i.incident_id = ${incidentId}::uuid and i.ticket_id = ${ticketId} and t.id = i.ticket_id
    returning i.ticket_id, t.mailbox_id`.execute(trx);
  await recordTicketEvents(
    trx,
    actor,
    rows.map((row) => linkEvent(row, 'ticket.incident_unlinked', incidentId)),
  );
  return rows.length > 0;
}

const linkEvent = (
  row: { ticket_id: number; mailbox_id: string },
  type: 'ticket.incident_linked' | 'ticket.incident_unlinked',
  incidentId: string,
): NewTicketEvent => ({
  type,
  ticketId: Number(row.ticket_id),
  mailboxId: row.mailbox_id,
  data: { incidentId },
});
