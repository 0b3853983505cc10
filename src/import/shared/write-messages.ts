/**
 * Messages and ratings of a batch (see write-batch.ts): threads upserted by
 * their origin id within the ticket, threads gone from a newer export removed
 * (messages written in Guichet have no source id and stay), one rating per
 * reply with its previous value kept in rating_history.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { json } from './json-rows.ts';
import type { BatchCounts, BatchEntry } from './run-model.ts';

type MessageRow = {
  ticket_id: number;
  mailbox_id: string;
  kind: string;
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

const messageKey = (ticketId: number, sourceId: string) => `${ticketId}:${sourceId}`;

/** Upserts the messages and ratings of the batch's tickets. */
export async function writeMessages(
  db: Kysely<DB>,
  entries: BatchEntry[],
  ticketIds: Map<BatchEntry, number>,
  contacts: Map<string, { id: string }>,
  userId: (email: string | null) => string | null,
  counts: BatchCounts,
): Promise<void> {
  const rows: MessageRow[] = [];
  const ratings: RatingRow[] = [];
  for (const entry of entries) {
    const ticketId = ticketIds.get(entry);
    if (ticketId === undefined) continue;
    const { ticket } = entry;
    const contactId = ticket.customer?.email
      ? (contacts.get(ticket.customer.email)?.id ?? null)
      : null;
    for (const m of ticket.messages) {
      rows.push({
        ticket_id: ticketId,
        mailbox_id: ticket.mailboxId,
        kind: m.kind,
        author_user_id: userId(m.authorUserEmail),
        author_contact_id: m.byCustomer ? contactId : null,
        from_address: m.fromAddress,
        to_addresses: m.toAddresses,
        cc_addresses: m.ccAddresses,
        body_html: m.bodyHtml,
        body_text: m.bodyText,
        created_at: m.createdAt,
        event_type: m.eventType,
        event_data: m.eventData,
        flags: m.flags,
        source_id: m.sourceId,
      });
      if (m.rating) {
        ratings.push({
          ticket_id: ticketId,
          source_id: m.sourceId,
          agent_id: userId(m.authorUserEmail),
          level: m.rating.level,
          comment: m.rating.comment,
          rated_at: m.rating.ratedAt,
        });
      }
    }
  }
  const updated = entries.filter((e) => e.existingTicketId !== null).map((e) => e.existingTicketId);
  if (updated.length > 0) {
    // Threads gone from a newer export go; messages written in Guichet (no source id) stay.
    const keep = rows.map((r) => messageKey(r.ticket_id, r.source_id));
    const { rows: removed } = await sql<{ id: number }>`
      delete from messages m
      where m.ticket_id = any(${updated}::bigint[]) and m.source_id is not null
        and not ((m.ticket_id || ':' || m.source_id) = any(${keep}::text[]))
      returning m.id`.execute(db);
    counts.messagesRemoved += removed.length;
  }
  if (rows.length > 0) {
    // Columns as arrays (unnest): PostgreSQL reads array literals about twice as fast as
    // the same rows in JSON, and message bodies are most of an import's bytes.
    const column = <K extends keyof MessageRow>(key: K) => rows.map((r) => r[key]);
    const jsonColumn = (key: 'to_addresses' | 'cc_addresses' | 'event_data' | 'flags') =>
      rows.map((r) => (r[key] === null ? null : JSON.stringify(r[key])));
    await sql`
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
          excluded.event_data)`.execute(db);
    counts.messagesWritten += rows.length;
  }
  await writeRatings(db, ratings, updated as number[], counts);
}

type RatingRow = {
  ticket_id: number;
  source_id: string;
  agent_id: string | null;
  level: string;
  comment: string | null;
  rated_at: Date;
};

async function writeRatings(
  db: Kysely<DB>,
  ratings: RatingRow[],
  updatedTickets: number[],
  counts: BatchCounts,
): Promise<void> {
  if (updatedTickets.length > 0) {
    // A rating gone from a newer export goes (ratings of Guichet's own replies stay).
    const rated = ratings.map((r) => messageKey(r.ticket_id, r.source_id));
    await sql`
      delete from ratings r using messages m
      where r.message_id = m.id and r.ticket_id = any(${updatedTickets}::bigint[])
        and m.source_id is not null
        and not ((m.ticket_id || ':' || m.source_id) = any(${rated}::text[]))`.execute(db);
  }
  if (ratings.length === 0) return;
  const data = json(ratings);
  // The previous value of a changed rating is kept (rating_history), as for a re-rating;
  // only tickets imported before can have one.
  if (updatedTickets.length > 0) {
    await sql`
    insert into rating_history (rating_id, level, comment, rated_at)
    select r.id, r.level, r.comment, r.rated_at
    from json_to_recordset(${data}::json) as x(ticket_id bigint, source_id text, level text,
      comment text, rated_at timestamptz)
    join messages m on m.ticket_id = x.ticket_id and m.source_id = x.source_id
    join ratings r on r.message_id = m.id
    where (r.level, r.comment, r.rated_at) is distinct from (x.level, x.comment, x.rated_at)`.execute(
      db,
    );
  }
  await sql`
    insert into ratings as r (message_id, ticket_id, agent_id, level, comment, rated_at)
    select m.id, x.ticket_id, x.agent_id, x.level, x.comment, x.rated_at
    from json_to_recordset(${data}::json) as x(ticket_id bigint, source_id text, agent_id uuid,
      level text, comment text, rated_at timestamptz)
    join messages m on m.ticket_id = x.ticket_id and m.source_id = x.source_id
    on conflict (message_id) do update set level = excluded.level, comment = excluded.comment,
      rated_at = excluded.rated_at, agent_id = excluded.agent_id
    where (r.level, r.comment, r.rated_at, r.agent_id)
      is distinct from (excluded.level, excluded.comment, excluded.rated_at, excluded.agent_id)`.execute(
    db,
  );
  counts.ratingsWritten += ratings.length;
}
