/**
 * Reads the facts rules look at (match-rule.ts's TicketFacts), for many tickets at
 * once, as of each trigger: field values and status are taken back to what they were
 * just after the triggering event (later `ticket.field_changed` / `ticket.status_changed`
 * events are undone), so the live pass, a second late, and the preview, days later,
 * see the same ticket. One loader for both: a preview shows what the rule does.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type BusinessHours, businessSeconds } from '../tickets/business-hours.ts';
import type { TicketFacts } from './match-rule.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** One ticket to read, as of `afterEventId` (null: as it is now), with its triggering message. */
export type FactsRequest = {
  ticketId: number;
  afterEventId: number | null;
  messageId: number | null;
  at: Date;
  /** The status the trigger states (a `ticket.opened` event's). */
  status?: string;
};

const bodyChars = 100_000;

/** Inside office hours at `at` (the minute starting then has business time). */
export const isOpenAt = (at: Date, hours: BusinessHours): boolean =>
  businessSeconds(at, new Date(at.getTime() + 60_000), hours) > 0;

/** The facts of each request, by index (a missing or deleted ticket has none). */
export async function loadFacts(
  db: Db,
  requests: readonly FactsRequest[],
  hours: BusinessHours,
): Promise<(TicketFacts | null)[]> {
  if (requests.length === 0) return [];
  const ticketIds = [...new Set(requests.map((r) => r.ticketId))];
  const messageIds = [
    ...new Set(requests.map((r) => r.messageId).filter((id): id is number => id !== null)),
  ];
  const needLatest = requests.some((r) => r.messageId === null);
  const [tickets, values, messages, latest] = await Promise.all([
    db
      .selectFrom('tickets')
      .leftJoin('contacts', 'contacts.id', 'tickets.contact_id')
      .leftJoin('organisations', 'organisations.id', 'tickets.organisation_id')
      .select([
        'tickets.id',
        'tickets.number',
        'tickets.mailbox_id',
        'tickets.channel',
        'tickets.status',
        'tickets.subject',
        'tickets.organisation_id',
        'organisations.partner_type_value_id',
        'contacts.email',
      ])
      .where('tickets.id', 'in', ticketIds)
      .where('tickets.deleted_at', 'is', null)
      .execute(),
    db
      .selectFrom('ticket_field_values')
      .select(['ticket_id', 'field_id', 'value_id'])
      .where('ticket_id', 'in', ticketIds)
      .execute(),
    messageIds.length > 0
      ? db
          .selectFrom('messages')
          .select(['id', 'body_text', 'from_address'])
          .where('id', 'in', messageIds)
          .execute()
      : Promise.resolve([]),
    needLatest
      ? db
          .selectFrom('messages')
          .select(['ticket_id', 'body_text', 'from_address'])
          .distinctOn('ticket_id')
          .where('ticket_id', 'in', ticketIds)
          .where('kind', '=', 'customer')
          .orderBy('ticket_id')
          .orderBy('id', 'desc')
          .execute()
      : Promise.resolve([]),
  ]);
  const afterIds = requests.map((r) => r.afterEventId).filter((id): id is number => id !== null);
  const later =
    afterIds.length > 0
      ? await db
          .selectFrom('ticket_events')
          .select(['id', 'ticket_id', 'type', 'data'])
          .where('ticket_id', 'in', ticketIds)
          .where('id', '>', Math.min(...afterIds))
          .where('type', 'in', ['ticket.field_changed', 'ticket.status_changed'])
          .orderBy('id', 'desc')
          .execute()
      : [];
  const ticketById = new Map(tickets.map((t) => [t.id, t]));
  const messageById = new Map(messages.map((m) => [m.id, m]));
  const latestByTicket = new Map(latest.map((m) => [m.ticket_id, m]));
  const valuesByTicket = new Map<number, Map<string, string>>();
  for (const v of values) {
    let map = valuesByTicket.get(v.ticket_id);
    if (!map) {
      map = new Map();
      valuesByTicket.set(v.ticket_id, map);
    }
    map.set(v.field_id, v.value_id);
  }
  return requests.map((request) => {
    const ticket = ticketById.get(request.ticketId);
    if (!ticket) return null;
    const fieldValues = new Map(valuesByTicket.get(ticket.id) ?? []);
    let status: string = ticket.status;
    if (request.afterEventId !== null)
      // newest first: undo each later change back to the trigger
      for (const e of later) {
        if (e.ticket_id !== ticket.id || e.id <= request.afterEventId) continue;
        const data = e.data as { fieldId?: string; from?: string | null };
        if (e.type === 'ticket.status_changed' && typeof data.from === 'string') status = data.from;
        if (e.type === 'ticket.field_changed' && data.fieldId) {
          if (data.from) fieldValues.set(data.fieldId, data.from);
          else fieldValues.delete(data.fieldId);
        }
      }
    const message =
      request.messageId !== null
        ? messageById.get(request.messageId)
        : latestByTicket.get(ticket.id);
    return {
      ticketId: ticket.id,
      number: ticket.number,
      mailboxId: ticket.mailbox_id,
      channel: ticket.channel,
      status: request.status ?? status,
      subject: ticket.subject,
      body: (message?.body_text ?? '').slice(0, bodyChars),
      senderAddress: (message?.from_address ?? ticket.email ?? null)?.toLowerCase() ?? null,
      organisationId: ticket.organisation_id,
      organisationTypeId: ticket.partner_type_value_id ?? null,
      fieldValues,
      openHours: isOpenAt(request.at, hours),
      at: request.at,
    } satisfies TicketFacts;
  });
}
