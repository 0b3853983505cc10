/**
 * The steps every channel takes to open a ticket (inbound mail, a phone call,
 * the public contact form): find or create the contact, insert the ticket
 * (recording `ticket.opened`) and its first message (`message.added`), file the
 * classification Guichet knows by itself. One copy, called inside the caller's
 * transaction. The contact form writes the same rows in one statement
 * (open-ticket-from-form.ts), the import many at once (open-tickets-batch.ts).
 */
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import { coalescePerHandle } from '../../db/coalesce.ts';
import { executePrepared } from '../../db/prepared.ts';
import type { DB, TicketChannel, TicketStatus, TicketsTable } from '../../db/schema.ts';
import type { TicketEventActor } from '../../shared/ticket-events.ts';
import { recordTicketEvent, recordTicketEvents } from './events/record-events.ts';
import { insertMessage, type NewMessage } from './insert-message.ts';

export type NewContact = { email?: string | null; name?: string | null; phone?: string | null };

/** The row of a contact (e-mail in lower case; empty name and phone stored as null). */
export function contactRow(contact: NewContact): {
  email: string | null;
  name: string | null;
  phone: string | null;
} {
  return {
    email: contact.email?.toLowerCase() ?? null,
    name: contact.name || null,
    phone: contact.phone || null,
  };
}

/**
 * Returns the contact of `contact.email` (created when new; an existing one
 * keeps its name and phone), or a new contact without e-mail.
 */
export async function upsertContact(trx: Transaction<DB>, contact: NewContact): Promise<string> {
  const row = contactRow(contact);
  if (row.email === null) {
    const created = await trx
      .insertInto('contacts')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return created.id;
  }
  const upserted = await trx
    .insertInto('contacts')
    .values(row)
    .onConflict((oc) =>
      oc.column('email').where('email', 'is not', null).doUpdateSet({ updated_at: new Date() }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return upserted.id;
}

export type NewTicket = {
  mailboxId: string;
  subject: string;
  contactId: string | null;
  channel: TicketChannel;
  /** The first message's date: the ticket's creation (SPEC §4). */
  at: Date;
  status?: TicketStatus;
  organisationId?: string | null;
  linkedTicketId?: number | null;
};

/** The row of a new ticket (its number comes from the sequence unless given). */
export function ticketRow(ticket: NewTicket) {
  return {
    mailbox_id: ticket.mailboxId,
    status: ticket.status ?? 'active',
    subject: ticket.subject,
    contact_id: ticket.contactId,
    organisation_id: ticket.organisationId ?? null,
    channel: ticket.channel,
    created_at: ticket.at,
    last_message_at: ticket.at,
    linked_ticket_id: ticket.linkedTicketId ?? null,
  } satisfies Insertable<TicketsTable>;
}

/** Who opens a ticket of `channel` when the caller does not say: the customer, the import, or Guichet. */
export function openerOf(channel: TicketChannel): TicketEventActor {
  if (channel === 'email' || channel === 'form') return { kind: 'contact' };
  if (channel === 'import') return { kind: 'import' };
  return { kind: 'system' };
}

/**
 * Inserts the ticket and records `ticket.opened`; returns its id and the number
 * people quote. The caller inserts the first message (or calls `openTicket`,
 * which does both). `actor` defaults to the channel's opener (`openerOf`); an
 * agent logging a call passes itself.
 */
export async function insertTicket(
  trx: Transaction<DB>,
  ticket: NewTicket,
  actor: TicketEventActor = openerOf(ticket.channel),
): Promise<{ id: number; number: number }> {
  const row = ticketRow(ticket);
  const created = await trx
    .insertInto('tickets')
    .values(row)
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  await recordTicketEvent(
    trx,
    actor,
    {
      type: 'ticket.opened',
      ticketId: created.id,
      mailboxId: ticket.mailboxId,
      data: {
        channel: ticket.channel,
        status: row.status,
        contactId: ticket.contactId,
        organisationId: row.organisation_id,
        linkedTicketId: row.linked_ticket_id,
      },
    },
    ticket.at,
  );
  return created;
}

/**
 * Opens a ticket with its first message, in the caller's transaction:
 * `ticket.opened` then `message.added`. The message's date is the ticket's (`ticket.at`).
 */
export async function openTicket(
  trx: Transaction<DB>,
  ticket: NewTicket,
  message: NewMessage,
  actor: TicketEventActor = openerOf(ticket.channel),
): Promise<{ id: number; number: number; messageId: number }> {
  const created = await insertTicket(trx, ticket, actor);
  const messageId = await insertMessage(
    trx,
    { id: created.id, mailboxId: ticket.mailboxId },
    { ...message, created_at: message.created_at ?? ticket.at },
    actor,
  );
  return { ...created, messageId };
}

/**
 * Takes the next ticket number from the sequence the tickets' default uses,
 * for a caller that needs it before the insert (to sign a Message-ID in the
 * same statement). Concurrent callers share one statement (src/db/coalesce.ts),
 * each getting its own number. A number taken and not used leaves a gap, as
 * a rolled-back insert does.
 */
export function nextTicketNumber(db: Kysely<DB>): Promise<number> {
  return takeTicketNumber(db, null);
}

const takeTicketNumber = coalescePerHandle(async (db: Kysely<DB>, wanted: null[]) => {
  const taken = await executePrepared(
    db,
    sql<{ n: number }>`select nextval('ticket_number_seq') as n
      from generate_series(1, ${wanted.length}::int)`.compile(db),
  );
  return taken.map((r) => Number(r.n));
});

/**
 * Files field values Guichet found by itself (organisation directory, contact
 * form) on a new ticket, marked `auto_filled`, each recording
 * `ticket.field_changed` (from nothing, actor: the system). Values of another
 * mailbox's fields are ignored; a field already set is left alone.
 */
export async function autoFillFields(
  trx: Transaction<DB>,
  ticketId: number,
  mailboxId: string,
  valueIds: (string | null)[],
): Promise<void> {
  const ids = valueIds.filter((v): v is string => v !== null);
  if (ids.length === 0) return;
  const values = await trx
    .selectFrom('field_values')
    .innerJoin('fields', 'fields.id', 'field_values.field_id')
    .select(['field_values.id', 'field_values.field_id'])
    .where('field_values.id', 'in', ids)
    .where('fields.mailbox_id', '=', mailboxId)
    .execute();
  if (values.length === 0) return;
  const filled = await trx
    .insertInto('ticket_field_values')
    .values(
      values.map((v) => ({
        ticket_id: ticketId,
        field_id: v.field_id,
        value_id: v.id,
        auto_filled: true,
      })),
    )
    .onConflict((oc) => oc.columns(['ticket_id', 'field_id']).doNothing())
    .returning(['field_id', 'value_id'])
    .execute();
  // the recorder also refreshes the due time: a target narrowed by one of these values now applies
  await recordTicketEvents(
    trx,
    { kind: 'system' },
    filled.map((row) => ({
      ticketId,
      mailboxId,
      type: 'ticket.field_changed' as const,
      data: { fieldId: row.field_id, from: null, to: row.value_id },
    })),
  );
}
