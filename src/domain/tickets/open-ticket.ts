/**
 * The steps every channel takes to open a ticket (inbound mail, a phone call,
 * the public contact form): find or create the contact, insert the ticket,
 * file the classification Guichet knows by itself. One copy, called inside
 * the caller's transaction.
 */
import type { Transaction } from 'kysely';
import type { DB, TicketChannel, TicketStatus } from '../../db/schema.ts';

export type NewContact = { email?: string | null; name?: string | null; phone?: string | null };

/**
 * Returns the contact of `contact.email` (created when new; an existing one
 * keeps its name and phone), or a new contact without e-mail.
 */
export async function upsertContact(trx: Transaction<DB>, contact: NewContact): Promise<string> {
  const email = contact.email?.toLowerCase() ?? null;
  const values = { name: contact.name || null, phone: contact.phone || null };
  if (email === null) {
    const row = await trx
      .insertInto('contacts')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  const row = await trx
    .insertInto('contacts')
    .values({ email, ...values })
    .onConflict((oc) =>
      oc.column('email').where('email', 'is not', null).doUpdateSet({ updated_at: new Date() }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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

/** Inserts the ticket; returns its id and the number people quote. */
export async function insertTicket(
  trx: Transaction<DB>,
  ticket: NewTicket,
): Promise<{ id: number; number: number }> {
  return trx
    .insertInto('tickets')
    .values({
      mailbox_id: ticket.mailboxId,
      status: ticket.status ?? 'active',
      subject: ticket.subject,
      contact_id: ticket.contactId,
      organisation_id: ticket.organisationId ?? null,
      channel: ticket.channel,
      created_at: ticket.at,
      last_message_at: ticket.at,
      linked_ticket_id: ticket.linkedTicketId ?? null,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
}

/**
 * Files field values Guichet found by itself (organisation directory, contact
 * form) on a new ticket, marked `auto_filled`. Values of another mailbox's
 * fields are ignored; a field already set is left alone.
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
  await trx
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
    .execute();
}
