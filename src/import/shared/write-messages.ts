/**
 * Messages and ratings of a batch (see write-batch.ts): threads upserted by
 * their origin id within the ticket, threads gone from a newer export removed
 * (messages written in Guichet have no source id and stay) — written by
 * domain/tickets' batch entry, which records `message.added` — and one rating
 * per reply with its previous value kept in rating_history.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { BatchMessageRow, TicketsBatch } from '../../domain/tickets/open-tickets-batch.ts';
import { json } from './json-rows.ts';
import type { BatchCounts, BatchEntry } from './run-model.ts';

const messageKey = (ticketId: number, sourceId: string) => `${ticketId}:${sourceId}`;

/** Upserts the messages and ratings of the batch's tickets. */
export async function writeMessages(
  db: Kysely<DB>,
  batch: TicketsBatch,
  entries: BatchEntry[],
  ticketIds: Map<BatchEntry, number>,
  contacts: Map<string, { id: string }>,
  userId: (email: string | null) => string | null,
  counts: BatchCounts,
): Promise<void> {
  const rows: BatchMessageRow[] = [];
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
  const updated = entries.flatMap((e) => (e.existingTicketId === null ? [] : [e.existingTicketId]));
  counts.messagesRemoved += await batch.writeMessages(rows, updated);
  counts.messagesWritten += rows.length;
  await writeRatings(db, ratings, updated, counts);
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
