/**
 * Writes a batch of resolved tickets in the caller's transaction: contacts
 * (by e-mail; organisation from the e-mail domain), tickets (by source id),
 * their messages (by thread id within the ticket), ratings (one per reply,
 * earlier values to rating_history), field values, tags, the import records,
 * and the tickets' first-response facts (`refreshTicketTimings`). Tickets and
 * messages go through domain/tickets' batch entry (open-tickets-batch.ts), which
 * records their events (`ticket.opened`, `message.added`, …) in one statement.
 *
 * Each table gets one statement per batch, rows passed as one JSON parameter
 * and expanded with `json_to_recordset`: a few round trips per batch, whatever
 * its size, on both backends.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { organisationsByDomain } from '../../domain/organisations/match-organisation.ts';
import { isWebmailDomain } from '../../domain/organisations/webmail-domains.ts';
import { ticketsBatch } from '../../domain/tickets/open-tickets-batch.ts';
import { firstResponseFacts, refreshTicketTimings } from '../../domain/tickets/ticket-timings.ts';
import type { ResolvedTicket } from './import-model.ts';
import { json } from './json-rows.ts';
import { type BatchCounts, type BatchEntry, emptyCounts, type WriteContext } from './run-model.ts';
import { emailDomain } from './text.ts';
import { writeClassification, writeRecords } from './write-classification.ts';
import { writeMessages } from './write-messages.ts';

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
  // The inbound pipeline's matching: subdomains of a directory domain, never webmail.
  const orgOf = await organisationsByDomain(db, domains);
  const rows = [...byEmail].map(([email, name]) => ({
    email,
    name,
    organisation_id: orgOf.get(emailDomain(email))?.id ?? null,
  }));
  for (const row of rows) {
    // Webmail domains are never an organisation's: no use suggesting them.
    if (!row.organisation_id && !isWebmailDomain(emailDomain(row.email))) {
      const domain = emailDomain(row.email);
      counts.unknownDomains.set(domain, (counts.unknownDomains.get(domain) ?? 0) + 1);
    }
  }
  // Existing contacts are read first: most records of a large export name a
  // contact seen before, and reading is cheaper than an insert that conflicts.
  const existing = await db
    .selectFrom('contacts')
    .select(['id', 'email', 'name', 'organisation_id'])
    .where(
      'email',
      'in',
      rows.map((r) => r.email),
    )
    .execute();
  const lacking: typeof rows = [];
  for (const row of existing) {
    if (!row.email) continue;
    const wanted = byEmail.get(row.email);
    const organisationId = orgOf.get(emailDomain(row.email))?.id ?? null;
    result.set(row.email, { id: row.id, organisationId: row.organisation_id ?? organisationId });
    if ((row.name === null && wanted) || (row.organisation_id === null && organisationId))
      lacking.push({ email: row.email, name: wanted ?? null, organisation_id: organisationId });
  }
  if (lacking.length > 0) {
    // Existing contacts get the name or organisation they lack; the others are only read.
    const { rows: updated } = await sql<{ id: string }>`
      update contacts c set name = coalesce(c.name, x.name),
        organisation_id = coalesce(c.organisation_id, x.organisation_id), updated_at = now()
      from json_to_recordset(${json(lacking)}::json) as x(email text, name text, organisation_id uuid)
      where c.email = x.email
      returning c.id`.execute(db);
    counts.contactsUpdated += updated.length;
  }
  // New ones in e-mail order, without touching existing rows: concurrent batches
  // share contacts, and neither waits on the other unless both create the same one.
  const missing = rows.filter((row) => !result.has(row.email));
  if (missing.length === 0) return result;
  missing.sort((a, b) => (a.email < b.email ? -1 : 1));
  const { rows: created } = await sql<{
    id: string;
    email: string;
    organisation_id: string | null;
  }>`
    insert into contacts (email, name, organisation_id)
    select x.email, x.name, x.organisation_id
    from json_to_recordset(${json(missing)}::json) as x(email text, name text, organisation_id uuid)
    order by x.email
    on conflict (email) where email is not null do nothing
    returning id, email, organisation_id`.execute(db);
  counts.contactsCreated += created.length;
  for (const row of created)
    result.set(row.email, { id: row.id, organisationId: row.organisation_id });
  if (created.length < missing.length) {
    // Created meanwhile by a concurrent batch: read them.
    const raced = await db
      .selectFrom('contacts')
      .select(['id', 'email', 'organisation_id'])
      .where(
        'email',
        'in',
        missing.map((r) => r.email).filter((email) => !result.has(email)),
      )
      .execute();
    for (const row of raced) {
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

/** The first agent reply or phone call of a ticket's messages (SPEC §4), null when none. */
function firstResponseAt(ticket: ResolvedTicket): Date | null {
  let first: Date | null = null;
  for (const message of ticket.messages) {
    if (
      (message.kind === 'reply' || message.kind === 'phone') &&
      (!first || message.createdAt < first)
    )
      first = message.createdAt;
  }
  return first;
}

/** Writes one batch; every statement runs on `db`, the caller's transaction. */
export async function writeBatch(
  db: Kysely<DB>,
  context: WriteContext,
  entries: BatchEntry[],
): Promise<BatchCounts> {
  const counts = emptyCounts();
  if (entries.length === 0) return counts;
  // Bulk mode for this transaction: no live event per row (one per mailbox below),
  // and messages wait for the search backlog job instead of being stemmed here.
  // The commit need not wait for the disk: a batch lost to a crash is written again
  // when the import is run again (it is keyed by the source ids).
  await sql`select set_config('guichet.bulk', 'on', true),
    set_config('synchronous_commit', 'off', true),
    set_config('default_toast_compression', ${context.lz4 ? 'lz4' : 'pglz'}, true)`.execute(db);
  // The tickets and messages (and their events) are written by domain/tickets' batch entry.
  const batch = ticketsBatch(db);
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
    // A new ticket's messages are all in the record: its first-response facts are
    // computed here and stored with it, instead of being read back and updated.
    const rows = fresh.map((entry, i) => {
      const facts = firstResponseFacts(
        entry.ticket.createdAt,
        firstResponseAt(entry.ticket),
        context.hours,
      );
      return {
        ...ticketRow(entry),
        number: numbers[i] ?? null,
        first_response_at: facts.at,
        first_response_seconds: facts.calendar,
        first_response_business_seconds: facts.business,
      };
    });
    const idOf = await batch.openTickets(rows);
    for (const entry of fresh) {
      const id = idOf.get(entry.ticket.sourceId);
      if (id !== undefined) ticketIds.set(entry, id);
    }
    counts.ticketsCreated = idOf.size;
  }
  if (known.length > 0) {
    const rows = known.map((entry) => ({
      ...ticketRow(entry),
      id: entry.existingTicketId as number,
    }));
    await batch.updateTickets(rows);
    for (const entry of known) ticketIds.set(entry, entry.existingTicketId as number);
    counts.ticketsUpdated = known.length;
  }
  await writeMessages(db, batch, entries, ticketIds, contacts, userId, counts);
  await writeClassification(db, entries, ticketIds);
  await writeRecords(db, context.runId, entries, ticketIds);
  // Updated tickets may hold messages written in Guichet: recomputed from the database.
  const updatedIds = known.map((entry) => ticketIds.get(entry)).filter((id) => id !== undefined);
  await refreshTicketTimings(db, updatedIds, context.hours);
  await batch.recordEvents();
  const mailboxes = [...new Set(entries.map((entry) => entry.ticket.mailboxId))];
  await sql`
    insert into live_events (mailbox_id, kind)
    select unnest(${mailboxes}::uuid[]), 'ticket'`.execute(db);
  return counts;
}

/**
 * The content fingerprint of a record: the mapping it was read with and its
 * content — the digest of its bytes when the reader has one (hashing bytes spares
 * re-serialising every record), else its JSON.
 */
export const contentHash = (value: unknown, mapping: string, digest?: string): string =>
  createHash('sha256')
    .update(mapping)
    .update('\n')
    .update(digest ?? JSON.stringify(value))
    .digest('hex');
