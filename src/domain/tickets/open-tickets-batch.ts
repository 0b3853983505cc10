/**
 * The batch entry of src/domain/tickets/ (the import's): many tickets and
 * their messages written at once in the caller's transaction, with their
 * events, at bulk speed — one statement per table and batch, whatever its size:
 *
 *   const batch = ticketsBatch(trx);
 *   const ids = await batch.openTickets(rows);          // ticket.opened
 *   await batch.updateTickets(changed);                  // status_changed, deleted, restored
 *   await batch.writeMessages(messages, replacedIds);    // message.added (new ones only)
 *   await batch.recordEvents();                          // one multi-row insert
 *
 * Rows are keyed by their origin ids (`source_id`), so writing the same batch
 * again changes nothing and records nothing. Events are recorded with the
 * actor `import`, at the time of the import (the tickets keep their own dates).
 */
import { type Kysely, sql } from 'kysely';
import type { DB, MessageKind, TicketStatus } from '../../db/schema.ts';
import type { NewTicketEvent } from '../../shared/ticket-events.ts';
import { htmlForNumbers, recordWrittenDemandNumbers } from './demand-numbers.ts';
import { recordTicketEventsBulk } from './events/record-events-bulk.ts';

/** A new ticket's row; `number` null takes the next one from the sequence. */
export type BatchTicketRow = {
  number: number | null;
  mailbox_id: string;
  status: TicketStatus;
  deleted_at: Date | null;
  subject: string;
  contact_id: string | null;
  organisation_id: string | null;
  assignee_id: string | null;
  created_at: Date;
  closed_at: Date | null;
  last_message_at: Date;
  source: string;
  source_id: string;
  first_response_at: Date | null;
  first_response_seconds: number | null;
  first_response_business_seconds: number | null;
};

/** An imported ticket written again from a newer record. */
export type BatchTicketUpdate = Omit<
  BatchTicketRow,
  | 'number'
  | 'source'
  | 'source_id'
  | 'first_response_at'
  | 'first_response_seconds'
  | 'first_response_business_seconds'
> & { id: number };

/** A message keyed by its origin id within its ticket. */
export type BatchMessageRow = {
  ticket_id: number;
  mailbox_id: string;
  kind: MessageKind;
  author_user_id: string | null;
  author_contact_id: string | null;
  from_address: string | null;
  to_addresses: string[];
  cc_addresses: string[];
  body_html: string | null;
  body_text: string | null;
  created_at: Date;
  event_type: string | null;
  event_data: Record<string, unknown> | null;
  flags: Record<string, unknown>;
  source_id: string;
};

const json = (rows: unknown[]): string => JSON.stringify(rows);

/** Inserts new tickets; returns their ids by origin id. */
async function insertTickets(
  db: Kysely<DB>,
  rows: BatchTicketRow[],
  events: NewTicketEvent[],
): Promise<Map<string, number>> {
  const { rows: inserted } = await sql<{
    id: number;
    source_id: string;
    mailbox_id: string;
    status: TicketStatus;
    contact_id: string | null;
    organisation_id: string | null;
  }>`
    insert into tickets (number, mailbox_id, status, deleted_at, subject, contact_id,
      organisation_id, assignee_id, channel, created_at, closed_at, last_message_at, source,
      source_id, first_response_at, first_response_seconds, first_response_business_seconds)
    select coalesce(x.number, nextval('ticket_number_seq')), x.mailbox_id, x.status, x.deleted_at,
      x.subject, x.contact_id, x.organisation_id, x.assignee_id, 'import', x.created_at,
      x.closed_at, x.last_message_at, x.source, x.source_id, x.first_response_at,
      x.first_response_seconds, x.first_response_business_seconds
    from json_to_recordset(${json(rows)}::json) as x(number bigint, mailbox_id uuid, status text,
      deleted_at timestamptz, subject text, contact_id uuid, organisation_id uuid, assignee_id uuid,
      created_at timestamptz, closed_at timestamptz, last_message_at timestamptz, source text,
      source_id text, first_response_at timestamptz, first_response_seconds int,
      first_response_business_seconds int)
    returning id, source_id, mailbox_id, status, contact_id, organisation_id`.execute(db);
  for (const t of inserted)
    events.push({
      type: 'ticket.opened',
      ticketId: t.id,
      mailboxId: t.mailbox_id,
      data: {
        channel: 'import',
        status: t.status,
        contactId: t.contact_id,
        organisationId: t.organisation_id,
        linkedTicketId: null,
      },
    });
  const subjects = new Map(rows.map((r) => [r.source_id, r.subject]));
  await recordWrittenDemandNumbers(
    db,
    inserted.map((t) => ({ ticketId: t.id, messageId: null, texts: [subjects.get(t.source_id)] })),
  );
  return new Map(inserted.map((r) => [r.source_id, r.id]));
}

/** Writes imported tickets again; a change of status or deletion is recorded. */
async function updateTickets(
  db: Kysely<DB>,
  rows: BatchTicketUpdate[],
  events: NewTicketEvent[],
): Promise<void> {
  // `o` is the same ticket as it was before this statement: its old status and deletion.
  const { rows: changed } = await sql<{
    id: number;
    mailbox_id: string;
    was: TicketStatus;
    status: TicketStatus;
    was_deleted: boolean;
    deleted: boolean;
  }>`
    update tickets t set mailbox_id = x.mailbox_id, status = x.status, deleted_at = x.deleted_at,
      subject = x.subject, contact_id = x.contact_id,
      organisation_id = coalesce(x.organisation_id, t.organisation_id),
      assignee_id = coalesce(x.assignee_id, t.assignee_id), created_at = x.created_at,
      closed_at = x.closed_at, last_message_at = greatest(x.last_message_at, t.last_message_at),
      updated_at = now(),
      -- made again by the search backlog job (migration 0012) when what it holds changed
      search_document = case when (t.subject, t.contact_id) is distinct from (x.subject, x.contact_id)
        then null else t.search_document end
    from json_to_recordset(${json(rows)}::json) as x(id bigint, mailbox_id uuid, status text,
      deleted_at timestamptz, subject text, contact_id uuid, organisation_id uuid,
      assignee_id uuid, created_at timestamptz, closed_at timestamptz,
      last_message_at timestamptz)
    join tickets o on o.id = x.id
    where t.id = x.id
    returning t.id, t.mailbox_id, o.status as was, t.status, o.deleted_at is not null as was_deleted,
      t.deleted_at is not null as deleted`.execute(db);
  for (const t of changed) {
    const ticket = { ticketId: t.id, mailboxId: t.mailbox_id };
    if (t.was !== t.status)
      events.push({
        type: 'ticket.status_changed',
        ...ticket,
        data: { from: t.was, to: t.status, reason: 'import' },
      });
    if (t.was_deleted !== t.deleted)
      events.push({ type: t.deleted ? 'ticket.deleted' : 'ticket.restored', ...ticket, data: {} });
  }
}

/**
 * Upserts messages by origin id. In `replacing` (tickets written again), threads
 * gone from the newer record are removed; messages written in Guichet (no origin
 * id) stay. Returns how many were removed.
 */
async function writeMessages(
  db: Kysely<DB>,
  rows: BatchMessageRow[],
  replacing: number[],
  events: NewTicketEvent[],
): Promise<number> {
  let removed = 0;
  if (replacing.length > 0) {
    const keep = rows.map((r) => `${r.ticket_id}:${r.source_id}`);
    const result = await sql<{ id: number }>`
      delete from messages m
      where m.ticket_id = any(${replacing}::bigint[]) and m.source_id is not null
        and not ((m.ticket_id || ':' || m.source_id) = any(${keep}::text[]))
      returning m.id`.execute(db);
    removed = result.rows.length;
  }
  if (rows.length === 0) return removed;
  // Columns as arrays (unnest): PostgreSQL reads array literals about twice as fast as
  // the same rows in JSON, and message bodies are most of an import's bytes.
  const column = <K extends keyof BatchMessageRow>(key: K) => rows.map((r) => r[key]);
  const jsonColumn = (key: 'to_addresses' | 'cc_addresses' | 'event_data' | 'flags') =>
    rows.map((r) => (r[key] === null ? null : JSON.stringify(r[key])));
  // `xmax = 0` tells a row this statement inserted from one it updated (an earlier import's).
  const { rows: written } = await sql<{
    id: number;
    ticket_id: number;
    mailbox_id: string;
    kind: MessageKind;
    author_user_id: string | null;
    source_id: string;
    inserted: boolean;
  }>`
    insert into messages as m (ticket_id, mailbox_id, kind, author_user_id, author_contact_id,
      from_address, to_addresses, cc_addresses, body_html, body_text, created_at, event_type,
      event_data, flags, source_id, search_pending)
    select x.ticket_id, x.mailbox_id, x.kind, x.author_user_id, x.author_contact_id,
      x.from_address,
      case when x.to_addresses = '[]' then '{}'::text[]
        else array(select jsonb_array_elements_text(x.to_addresses::jsonb)) end,
      case when x.cc_addresses = '[]' then '{}'::text[]
        else array(select jsonb_array_elements_text(x.cc_addresses::jsonb)) end,
      x.body_html, x.body_text, x.created_at, x.event_type, x.event_data::jsonb, x.flags::jsonb,
      x.source_id, true
    from unnest(${column('ticket_id')}::bigint[], ${column('mailbox_id')}::uuid[],
      ${column('kind')}::text[], ${column('author_user_id')}::uuid[],
      ${column('author_contact_id')}::uuid[], ${column('from_address')}::text[],
      ${jsonColumn('to_addresses')}::text[], ${jsonColumn('cc_addresses')}::text[],
      ${column('body_html')}::text[], ${column('body_text')}::text[],
      ${column('created_at').map((d) => d.toISOString())}::timestamptz[],
      ${column('event_type')}::text[], ${jsonColumn('event_data')}::text[],
      ${jsonColumn('flags')}::text[], ${column('source_id')}::text[])
      as x(ticket_id, mailbox_id, kind, author_user_id, author_contact_id, from_address,
        to_addresses, cc_addresses, body_html, body_text, created_at, event_type, event_data,
        flags, source_id)
    on conflict (ticket_id, source_id) where source_id is not null do update set
      mailbox_id = excluded.mailbox_id, kind = excluded.kind,
      author_user_id = excluded.author_user_id, author_contact_id = excluded.author_contact_id,
      from_address = excluded.from_address, to_addresses = excluded.to_addresses,
      cc_addresses = excluded.cc_addresses, body_html = excluded.body_html,
      body_text = excluded.body_text, created_at = excluded.created_at,
      event_type = excluded.event_type, event_data = excluded.event_data, flags = excluded.flags,
      search_pending = true
    where (m.kind, m.body_html, m.created_at, m.flags, m.author_user_id, m.author_contact_id,
        m.mailbox_id, m.event_data)
      is distinct from (excluded.kind, excluded.body_html, excluded.created_at, excluded.flags,
        excluded.author_user_id, excluded.author_contact_id, excluded.mailbox_id,
        excluded.event_data)
    returning m.id, m.ticket_id, m.mailbox_id, m.kind, m.author_user_id, m.source_id,
      m.xmax = 0 as inserted`.execute(db);
  const byKey = new Map(rows.map((r) => [`${r.ticket_id}:${r.source_id}`, r]));
  await recordWrittenDemandNumbers(
    db,
    written.flatMap((m) => {
      const row = byKey.get(`${m.ticket_id}:${m.source_id}`);
      return row
        ? [
            {
              ticketId: m.ticket_id,
              messageId: m.id,
              texts: [row.body_text ?? htmlForNumbers(row.body_html)],
            },
          ]
        : [];
    }),
  );
  for (const m of written) {
    if (!m.inserted) continue;
    events.push({
      type: 'message.added',
      ticketId: m.ticket_id,
      mailboxId: m.mailbox_id,
      data: { messageId: m.id, kind: m.kind, authorUserId: m.author_user_id },
    });
  }
  return removed;
}

/** The batch writer of one transaction (see the module comment). */
export function ticketsBatch(db: Kysely<DB>) {
  const events: NewTicketEvent[] = [];
  return {
    /** Inserts new tickets (`ticket.opened`); returns their ids by origin id. */
    openTickets: (rows: BatchTicketRow[]) => insertTickets(db, rows, events),
    /** Writes imported tickets again (status changes, deletions and restorations recorded). */
    updateTickets: (rows: BatchTicketUpdate[]) => updateTickets(db, rows, events),
    /** Upserts messages (`message.added` for new ones); returns how many were removed. */
    writeMessages: (rows: BatchMessageRow[], replacing: number[]) =>
      writeMessages(db, rows, replacing, events),
    /** Records the batch's events, in the order of the writes, in one statement. */
    recordEvents: async () => {
      await recordTicketEventsBulk(db, { kind: 'import' }, events);
      events.length = 0;
    },
  };
}

export type TicketsBatch = ReturnType<typeof ticketsBatch>;
