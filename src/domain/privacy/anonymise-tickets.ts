/**
 * Anonymising tickets: what names or describes the person goes, what the
 * activity report counts stays.
 *
 * Erased: the ticket's subject and contact link, every message's subject,
 * bodies (text and HTML), addresses, event data and raw mail, the attachments
 * (rows; their blobs by the caller once no row references them), rating
 * comments (and their history), the import payload kept for the ticket
 * (`import_records.extra`), the outbox addresses and errors, the numéro
 * unique the help centre's form recorded (`portal_ticket_context`), and the
 * contacts left without any ticket or message.
 *
 * Kept: mailbox, status, channel, organisation, classification values, tags,
 * every date and timing fact (created, first response, closed, last message),
 * message kinds, dates, authors who are agents, call durations, rating levels,
 * the form's département, public nature and articles read (deflection facts).
 * Those are all the activity report reads, so its figures do not change.
 * Each ticket records `ticket.anonymised` in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordTicketEvents } from '../tickets/events/record-events.ts';

export type AnonymisedBatch = {
  tickets: number;
  messages: number;
  attachments: number;
  /** Hashes whose references were dropped: remove them with removeUnreferencedBlobs after commit. */
  blobCandidates: string[];
};

/** Where an anonymised outbox row points: a reserved domain that never receives mail (RFC 2606). */
export const anonymisedAddress = 'anonymised@invalid';

/**
 * Anonymises `ticketIds` in one transaction (call it with batches of a few
 * hundred ids). Tickets already anonymised are done again, harmlessly.
 */
export async function anonymiseTickets(
  db: Kysely<DB>,
  ticketIds: readonly number[],
  now: Date = new Date(),
): Promise<AnonymisedBatch> {
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) return { tickets: 0, messages: 0, attachments: 0, blobCandidates: [] };
  return db.transaction().execute(async (trx) => {
    const contactRows = await trx
      .selectFrom('tickets')
      .select('contact_id as id')
      .where('id', 'in', ids)
      .where('contact_id', 'is not', null)
      .union(
        trx
          .selectFrom('messages')
          .select('author_contact_id as id')
          .where('ticket_id', 'in', ids)
          .where('author_contact_id', 'is not', null),
      )
      .execute();
    const contactIds = contactRows.flatMap((r) => (r.id ? [r.id] : []));

    const attachments = await trx
      .deleteFrom('attachments')
      .where('ticket_id', 'in', ids)
      .returning('sha256')
      .execute();
    const raw = await trx
      .selectFrom('messages')
      .select('raw_sha256')
      .where('ticket_id', 'in', ids)
      .where('raw_sha256', 'is not', null)
      .execute();
    const messages = await trx
      .updateTable('messages')
      .set({
        subject: null,
        body_text: null,
        body_html: null,
        from_address: null,
        to_addresses: [],
        cc_addresses: [],
        event_data: null,
        raw_sha256: null,
        author_contact_id: null,
        sensitive_kinds: [],
      })
      .where('ticket_id', 'in', ids)
      .executeTakeFirst();
    const ratingIds = trx.selectFrom('ratings').select('id').where('ticket_id', 'in', ids);
    await trx
      .updateTable('rating_history')
      .set({ comment: null })
      .where('rating_id', 'in', ratingIds)
      .execute();
    await trx.updateTable('ratings').set({ comment: null }).where('ticket_id', 'in', ids).execute();
    await trx
      .updateTable('import_records')
      .set({ extra: '{}' })
      .where('ticket_id', 'in', ids)
      .execute();
    await trx
      .updateTable('outbox')
      .set((eb) => ({
        to_address: anonymisedAddress,
        last_error: null,
        // nothing is sent to an anonymised ticket any more
        status: eb
          .case()
          .when('status', 'in', ['queued', 'sending'])
          .then('failed' as const)
          .else(eb.ref('status'))
          .end(),
      }))
      .where('ticket_id', 'in', ids)
      .execute();
    await trx
      .updateTable('portal_ticket_context')
      .set({ numero_unique: null })
      .where('ticket_id', 'in', ids)
      .execute();
    const anonymised = await trx
      .updateTable('tickets')
      .set({ subject: '', contact_id: null, anonymised_at: now })
      .where('id', 'in', ids)
      .returning(['id', 'mailbox_id'])
      .execute();
    await recordTicketEvents(
      trx,
      { kind: 'system' },
      anonymised.map((t) => ({
        type: 'ticket.anonymised' as const,
        ticketId: t.id,
        mailboxId: t.mailbox_id,
        data: {},
      })),
    );
    if (contactIds.length > 0) await anonymiseOrphanContacts(trx, contactIds, now);
    return {
      tickets: ids.length,
      messages: Number(messages.numUpdatedRows),
      attachments: attachments.length,
      blobCandidates: [
        ...attachments.map((a) => a.sha256),
        ...raw.flatMap((r) => (r.raw_sha256 ? [r.raw_sha256] : [])),
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
  await trx
    .updateTable('contacts')
    .set({ email: null, name: null, phone: null, anonymised_at: now, updated_at: now })
    .where('id', 'in', contactIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('tickets').select('id').whereRef('tickets.contact_id', '=', 'contacts.id'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('messages')
            .select('id')
            .whereRef('messages.author_contact_id', '=', 'contacts.id'),
        ),
      ),
    )
    .execute();
}
