/**
 * Writes a batch of resolved tickets in the caller's transaction: contacts
 * (by e-mail; organisation from the e-mail domain), tickets (by source id),
 * their messages (by thread id within the ticket), ratings (one per reply,
 * earlier values to rating_history), field values, tags, the import records,
 * and the tickets' first-response facts (`refreshTicketTimings`).
 *
 * Each table gets one statement per batch, rows passed as one JSON parameter
 * and expanded with `json_to_recordset`: a few round trips per batch, whatever
 * its size, on both backends.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { BusinessHours } from '../../domain/tickets/business-hours.ts';
import { refreshTicketTimings } from '../../domain/tickets/ticket-timings.ts';
import type { RecordLocation, ResolvedTicket } from './import-model.ts';
import { emailDomain } from './text.ts';

export type BatchEntry = {
  ticket: ResolvedTicket;
  hash: string;
  location: RecordLocation;
  /** The ticket already imported from this record, when there is one. */
  existingTicketId: number | null;
};

export type BatchCounts = {
  ticketsCreated: number;
  ticketsUpdated: number;
  messagesWritten: number;
  messagesRemoved: number;
  contactsCreated: number;
  contactsUpdated: number;
  organisationsLinked: number;
  ratingsWritten: number;
  /** Customer e-mail domains that match no organisation (suggestions), with counts. */
  unknownDomains: Map<string, number>;
};

export type WriteContext = {
  runId: string;
  hours: BusinessHours;
  userIds: Map<string, string | null>;
};

const json = (rows: unknown[]) => JSON.stringify(rows);

/** Contacts by e-mail: created, or given a name/organisation they lack. Returns email → id. */
async function upsertContacts(
  db: Kysely<DB>,
  entries: BatchEntry[],
  counts: BatchCounts,
): Promise<Map<string, { id: string; organisationId: string | null }>> {
  const byEmail = new Map<string, string | null>();
  for (const { ticket } of entries) {
    const email = ticket.customer?.email;
    if (email && !byEmail.has(email)) byEmail.set(email, ticket.customer?.name ?? null);
  }
  const result = new Map<string, { id: string; organisationId: string | null }>();
  if (byEmail.size === 0) return result;
  const domains = [...new Set([...byEmail.keys()].map(emailDomain))];
  const orgRows = await db
    .selectFrom('organisation_domains')
    .select(['domain', 'organisation_id'])
    .where('domain', 'in', domains)
    .execute();
  const orgOf = new Map(orgRows.map((r) => [r.domain, r.organisation_id]));
  const rows = [...byEmail].map(([email, name]) => ({
    email,
    name,
    organisation_id: orgOf.get(emailDomain(email)) ?? null,
  }));
  for (const row of rows) {
    if (!row.organisation_id) {
      const domain = emailDomain(row.email);
      counts.unknownDomains.set(domain, (counts.unknownDomains.get(domain) ?? 0) + 1);
    }
  }
  const { rows: written } = await sql<{
    id: string;
    email: string;
    organisation_id: string | null;
    inserted: boolean;
  }>`
    insert into contacts as c (email, name, organisation_id)
    select x.email, x.name, x.organisation_id
    from json_to_recordset(${json(rows)}::json) as x(email text, name text, organisation_id uuid)
    on conflict (email) where email is not null do update set
      name = coalesce(c.name, excluded.name),
      organisation_id = coalesce(c.organisation_id, excluded.organisation_id),
      updated_at = now()
    where (c.name is null and excluded.name is not null)
      or (c.organisation_id is null and excluded.organisation_id is not null)
    returning c.id, c.email, c.organisation_id, (xmax = 0) as inserted`.execute(db);
  for (const row of written) {
    if (row.inserted) counts.contactsCreated++;
    else counts.contactsUpdated++;
    result.set(row.email, { id: row.id, organisationId: row.organisation_id });
  }
  const missing = [...byEmail.keys()].filter((email) => !result.has(email));
  if (missing.length > 0) {
    const existing = await db
      .selectFrom('contacts')
      .select(['id', 'email', 'organisation_id'])
      .where('email', 'in', missing)
      .execute();
    for (const row of existing) {
      if (row.email) result.set(row.email, { id: row.id, organisationId: row.organisation_id });
    }
  }
  return result;
}

/** Guichet users by e-mail (assignees, reply authors), cached for the run. */
async function loadUsers(db: Kysely<DB>, entries: BatchEntry[], cache: Map<string, string | null>) {
  const wanted = new Set<string>();
  for (const { ticket } of entries) {
    if (ticket.assigneeEmail) wanted.add(ticket.assigneeEmail);
    for (const m of ticket.messages) if (m.authorUserEmail) wanted.add(m.authorUserEmail);
  }
  const missing = [...wanted].filter((email) => !cache.has(email));
  if (missing.length === 0) return;
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', 'in', missing)
    .execute();
  for (const email of missing) cache.set(email, null);
  for (const row of rows) cache.set(row.email, row.id);
}

/** The origin's number when no other ticket has it (nor an earlier one of the batch). */
async function chooseNumbers(db: Kysely<DB>, entries: BatchEntry[]): Promise<(number | null)[]> {
  const wanted = entries.map((e) => e.ticket.number).filter((n): n is number => n !== null);
  if (wanted.length === 0) return entries.map(() => null);
  const taken = new Set(
    (await db.selectFrom('tickets').select('number').where('number', 'in', wanted).execute()).map(
      (r) => r.number,
    ),
  );
  return entries.map(({ ticket }) => {
    if (ticket.number === null || taken.has(ticket.number)) return null;
    taken.add(ticket.number);
    return ticket.number;
  });
}

export const messageKey = (ticketId: number, sourceId: string) => `${ticketId}:${sourceId}`;

/** Writes one batch; every statement runs on `db`, the caller's transaction. */
export async function writeBatch(
  db: Kysely<DB>,
  context: WriteContext,
  entries: BatchEntry[],
): Promise<BatchCounts> {
  const counts: BatchCounts = {
    ticketsCreated: 0,
    ticketsUpdated: 0,
    messagesWritten: 0,
    messagesRemoved: 0,
    contactsCreated: 0,
    contactsUpdated: 0,
    organisationsLinked: 0,
    ratingsWritten: 0,
    unknownDomains: new Map(),
  };
  if (entries.length === 0) return counts;
  const contacts = await upsertContacts(db, entries, counts);
  await loadUsers(db, entries, context.userIds);
  const userId = (email: string | null) => (email ? (context.userIds.get(email) ?? null) : null);
  const ticketRow = ({ ticket }: BatchEntry) => {
    const contact = ticket.customer?.email ? contacts.get(ticket.customer.email) : undefined;
    if (contact?.organisationId) counts.organisationsLinked++;
    return {
      mailbox_id: ticket.mailboxId,
      status: ticket.status,
      deleted_at: ticket.deletedAt,
      subject: ticket.subject,
      contact_id: contact?.id ?? null,
      organisation_id: contact?.organisationId ?? null,
      assignee_id: userId(ticket.assigneeEmail),
      created_at: ticket.createdAt,
      closed_at: ticket.closedAt,
      last_message_at: ticket.lastMessageAt,
      source: ticket.source,
      source_id: ticket.sourceId,
    };
  };
  const fresh = entries.filter((e) => e.existingTicketId === null);
  const known = entries.filter((e) => e.existingTicketId !== null);
  const ticketIds = new Map<BatchEntry, number>();
  if (fresh.length > 0) {
    const numbers = await chooseNumbers(db, fresh);
    const rows = fresh.map((entry, i) => ({ ...ticketRow(entry), number: numbers[i] ?? null }));
    const { rows: inserted } = await sql<{ id: number; source_id: string }>`
      insert into tickets (number, mailbox_id, status, deleted_at, subject, contact_id,
        organisation_id, assignee_id, channel, created_at, closed_at, last_message_at, source, source_id)
      select coalesce(x.number, nextval('ticket_number_seq')), x.mailbox_id, x.status, x.deleted_at,
        x.subject, x.contact_id, x.organisation_id, x.assignee_id, 'import', x.created_at,
        x.closed_at, x.last_message_at, x.source, x.source_id
      from json_to_recordset(${json(rows)}::json) as x(number bigint, mailbox_id uuid, status text,
        deleted_at timestamptz, subject text, contact_id uuid, organisation_id uuid, assignee_id uuid,
        created_at timestamptz, closed_at timestamptz, last_message_at timestamptz, source text,
        source_id text)
      returning id, source_id`.execute(db);
    const idOf = new Map(inserted.map((r) => [r.source_id, r.id]));
    for (const entry of fresh) {
      const id = idOf.get(entry.ticket.sourceId);
      if (id !== undefined) ticketIds.set(entry, id);
    }
    counts.ticketsCreated = inserted.length;
  }
  if (known.length > 0) {
    const rows = known.map((entry) => ({ ...ticketRow(entry), id: entry.existingTicketId }));
    await sql`
      update tickets t set mailbox_id = x.mailbox_id, status = x.status, deleted_at = x.deleted_at,
        subject = x.subject, contact_id = x.contact_id,
        organisation_id = coalesce(x.organisation_id, t.organisation_id),
        assignee_id = coalesce(x.assignee_id, t.assignee_id), created_at = x.created_at,
        closed_at = x.closed_at, last_message_at = greatest(x.last_message_at, t.last_message_at),
        updated_at = now()
      from json_to_recordset(${json(rows)}::json) as x(id bigint, mailbox_id uuid, status text,
        deleted_at timestamptz, subject text, contact_id uuid, organisation_id uuid,
        assignee_id uuid, created_at timestamptz, closed_at timestamptz,
        last_message_at timestamptz)
      where t.id = x.id`.execute(db);
    for (const entry of known) ticketIds.set(entry, entry.existingTicketId as number);
    counts.ticketsUpdated = known.length;
  }
  await writeMessages(db, entries, ticketIds, contacts, userId, counts);
  await writeClassification(db, entries, ticketIds);
  await writeRecords(db, context.runId, entries, ticketIds);
  await refreshTicketTimings(db, [...ticketIds.values()], context.hours);
  return counts;
}

async function writeMessages(
  db: Kysely<DB>,
  entries: BatchEntry[],
  ticketIds: Map<BatchEntry, number>,
  contacts: Map<string, { id: string }>,
  userId: (email: string | null) => string | null,
  counts: BatchCounts,
): Promise<void> {
  const rows = [];
  const ratings = [];
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
    await sql`
      insert into messages as m (ticket_id, mailbox_id, kind, author_user_id, author_contact_id,
        from_address, to_addresses, cc_addresses, body_html, body_text, created_at, event_type,
        event_data, flags, source_id)
      select x.ticket_id, x.mailbox_id, x.kind, x.author_user_id, x.author_contact_id,
        x.from_address, array(select json_array_elements_text(x.to_addresses)),
        array(select json_array_elements_text(x.cc_addresses)), x.body_html, x.body_text,
        x.created_at, x.event_type, x.event_data, x.flags, x.source_id
      from json_to_recordset(${json(rows)}::json) as x(ticket_id bigint, mailbox_id uuid, kind text,
        author_user_id uuid, author_contact_id uuid, from_address text, to_addresses json,
        cc_addresses json, body_html text, body_text text, created_at timestamptz,
        event_type text, event_data jsonb, flags jsonb, source_id text)
      on conflict (ticket_id, source_id) where source_id is not null do update set
        mailbox_id = excluded.mailbox_id, kind = excluded.kind,
        author_user_id = excluded.author_user_id, author_contact_id = excluded.author_contact_id,
        from_address = excluded.from_address, to_addresses = excluded.to_addresses,
        cc_addresses = excluded.cc_addresses, body_html = excluded.body_html,
        body_text = excluded.body_text, created_at = excluded.created_at,
        event_type = excluded.event_type, event_data = excluded.event_data, flags = excluded.flags
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
  // The previous value of a changed rating is kept (rating_history), as for a re-rating.
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

async function writeClassification(
  db: Kysely<DB>,
  entries: BatchEntry[],
  ticketIds: Map<BatchEntry, number>,
): Promise<void> {
  const values = [];
  const tags: { ticket_id: number; name: string }[] = [];
  for (const entry of entries) {
    const ticketId = ticketIds.get(entry);
    if (ticketId === undefined) continue;
    for (const v of entry.ticket.fieldValues) {
      values.push({ ticket_id: ticketId, field_id: v.fieldId, value_id: v.valueId });
    }
    for (const name of entry.ticket.tags)
      tags.push({ ticket_id: ticketId, name: name.slice(0, 100) });
  }
  if (values.length > 0) {
    await sql`
      insert into ticket_field_values as v (ticket_id, field_id, value_id)
      select x.ticket_id, x.field_id, x.value_id
      from json_to_recordset(${json(values)}::json) as x(ticket_id bigint, field_id uuid, value_id uuid)
      on conflict (ticket_id, field_id) do update set value_id = excluded.value_id, set_at = now()
      where v.value_id <> excluded.value_id`.execute(db);
  }
  if (tags.length > 0) {
    const data = json(tags);
    await sql`
      insert into tags (name)
      select distinct on (lower(x.name)) x.name
      from json_to_recordset(${data}::json) as x(ticket_id bigint, name text)
      on conflict (lower(name)) do nothing`.execute(db);
    // Tags are added, never removed: one an agent added in Guichet must survive a re-import.
    await sql`
      insert into ticket_tags (ticket_id, tag_id)
      select distinct x.ticket_id, t.id
      from json_to_recordset(${data}::json) as x(ticket_id bigint, name text)
      join tags t on lower(t.name) = lower(x.name)
      on conflict do nothing`.execute(db);
  }
}

async function writeRecords(
  db: Kysely<DB>,
  runId: string,
  entries: BatchEntry[],
  ticketIds: Map<BatchEntry, number>,
): Promise<void> {
  const rows = entries.flatMap((entry) => {
    const ticketId = ticketIds.get(entry);
    if (ticketId === undefined) return [];
    return [
      {
        source: entry.ticket.source,
        source_id: entry.ticket.sourceId,
        ticket_id: ticketId,
        content_hash: entry.hash,
        file: entry.location.file,
        line: entry.location.line,
        extra: entry.ticket.extra,
      },
    ];
  });
  if (rows.length === 0) return;
  await sql`
    insert into import_records as r (source, source_id, ticket_id, content_hash, run_id, file, line, extra)
    select x.source, x.source_id, x.ticket_id, x.content_hash, ${runId}::uuid, x.file, x.line, x.extra
    from json_to_recordset(${json(rows)}::json) as x(source text, source_id text, ticket_id bigint,
      content_hash text, file text, line int, extra jsonb)
    on conflict (source, source_id) do update set ticket_id = excluded.ticket_id,
      content_hash = excluded.content_hash, run_id = excluded.run_id, file = excluded.file,
      line = excluded.line, extra = excluded.extra, updated_at = now()`.execute(db);
}

/** The content fingerprint of a record: its JSON and the mapping it was read with. */
export const contentHash = (value: unknown, mapping: string): string =>
  createHash('sha256').update(mapping).update('\n').update(JSON.stringify(value)).digest('hex');
