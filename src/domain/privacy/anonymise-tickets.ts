/**
 * Anonymising tickets: what names or describes the person goes, what the
 * activity report counts stays.
 *
 * Erased: the ticket's subject and contact link, every message's subject,
 * bodies (text and HTML), addresses, event data and raw mail, its Message-ID,
 * In-Reply-To and References (digests in their place: erased-message-id.ts), the attachments
 * (rows; their blobs by the caller once no row references them), rating
 * comments (and their history), the import payload kept for the ticket
 * (`import_records.extra`), the outbox addresses and errors, the numéro
 * unique the help centre's form recorded (`portal_ticket_context`) and the ticket's
 * numéros uniques (`ticket_demand_numbers`), and the
 * contacts left without any ticket or message.
 *
 * Kept: mailbox, status, channel, organisation, classification values, tags,
 * every date and timing fact (created, first response, closed, last message),
 * message kinds, dates, authors who are agents, call durations, rating levels,
 * the form's département, public nature and articles read (deflection facts).
 * Those are all the activity report reads, so its figures do not change.
 * Each ticket records `ticket.anonymised` in the same transaction.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordTicketEventsBulk } from '../tickets/events/record-events-bulk.ts';
import { erasedMessageIdSql } from './erased-message-id.ts';

export type AnonymisedBatch = {
  tickets: number;
  messages: number;
  attachments: number;
  /** Hashes whose references were dropped: remove them with removeUnreferencedBlobs after commit. */
  blobCandidates: string[];
};

/** Where an anonymised outbox row points: a reserved domain that never receives mail (RFC 2606). */
export const anonymisedAddress = 'anonymised@invalid';

/** How many tickets one transaction anonymises (callers cut their lists to this size). */
export const anonymiseBatchSize = 2000;

/**
 * Anonymises `ticketIds` in one transaction, one set statement per table (call it
 * with at most `anonymiseBatchSize` ids). Tickets already anonymised are done again,
 * harmlessly. Their search documents are emptied here (the per-message rebuild is
 * skipped: migration 0020), and no live event is sent per ticket (`guichet.bulk`).
 */
export async function anonymiseTickets(
  db: Kysely<DB>,
  ticketIds: readonly number[],
  now: Date = new Date(),
): Promise<AnonymisedBatch> {
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) return { tickets: 0, messages: 0, attachments: 0, blobCandidates: [] };
  const inIds = sql<boolean>`= any(${ids}::bigint[])`;
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('guichet.anonymising', 'on', true),
      set_config('guichet.bulk', 'on', true)`.execute(trx);
    // The contacts these tickets name, before their links are cut.
    const contacts = await sql<{ id: string }>`
      select contact_id as id from tickets where id ${inIds} and contact_id is not null
      union
      select author_contact_id from messages
      where ticket_id ${inIds} and author_contact_id is not null`.execute(trx);
    const contactIds = contacts.rows.map((r) => r.id);

    const attachments = await sql<{ sha256: string }>`
      delete from attachments where ticket_id ${inIds} returning sha256`.execute(trx);
    const messages = await sql<{ raw_sha256: string | null }>`
      with old as (
        select id, raw_sha256 from messages where ticket_id ${inIds} for update
      )
      update messages m set subject = null, body_text = null, body_html = null,
        from_address = null, to_addresses = '{}', cc_addresses = '{}', event_data = null,
        raw_sha256 = null, author_contact_id = null, sensitive_kinds = '{}',
        message_id = ${erasedMessageIdSql(sql`m.message_id`)},
        in_reply_to = ${erasedMessageIdSql(sql`m.in_reply_to`)},
        references_ids = array(
          select ${erasedMessageIdSql(sql`r.id`)}
          from unnest(m.references_ids) with ordinality as r(id, n) order by r.n)
      from old where m.id = old.id
      returning old.raw_sha256`.execute(trx);
    await sql`
      update rating_history set comment = null
      where comment is not null
        and rating_id in (select id from ratings where ticket_id ${inIds})`.execute(trx);
    await sql`update ratings set comment = null where ticket_id ${inIds} and comment is not null`.execute(
      trx,
    );
    await sql`update import_records set extra = '{}' where ticket_id ${inIds} and extra <> '{}'`.execute(
      trx,
    );
    // Nothing is sent to an anonymised ticket any more.
    await sql`
      update outbox set to_address = ${anonymisedAddress}, last_error = null,
        status = case when status in ('queued', 'sending') then 'failed' else status end
      where ticket_id ${inIds}`.execute(trx);
    await sql`delete from ticket_demand_numbers where ticket_id ${inIds}`.execute(trx);
    await sql`
      update portal_ticket_context set numero_unique = null
      where ticket_id ${inIds} and numero_unique is not null`.execute(trx);
    const anonymised = await sql<{ id: number; mailbox_id: string }>`
      update tickets set subject = '', contact_id = null, anonymised_at = ${now},
        search_document = ''::tsvector
      where id ${inIds}
      returning id, mailbox_id`.execute(trx);
    await recordTicketEventsBulk(
      trx,
      { kind: 'system' },
      anonymised.rows.map((t) => ({
        type: 'ticket.anonymised' as const,
        ticketId: Number(t.id),
        mailboxId: t.mailbox_id,
        data: {},
      })),
    );
    if (contactIds.length > 0) await anonymiseOrphanContacts(trx, contactIds, now);
    return {
      tickets: ids.length,
      messages: messages.rows.length,
      attachments: attachments.rows.length,
      blobCandidates: [
        ...attachments.rows.map((a) => a.sha256),
        ...messages.rows.flatMap((r) => (r.raw_sha256 ? [r.raw_sha256] : [])),
      ],
    };
  });
}

/** Empties the contacts of `contactIds` that no ticket or message refers to any more. */
async function anonymiseOrphanContacts(
  trx: Kysely<DB>,
  contactIds: string[],
  now: Date,
): Promise<void> {
  await sql`
    update contacts c set email = null, name = null, phone = null, anonymised_at = ${now},
      updated_at = ${now}
    where c.id = any(${contactIds}::uuid[])
      and not exists (select 1 from tickets t where t.contact_id = c.id)
      and not exists (select 1 from messages m where m.author_contact_id = c.id)`.execute(trx);
}
