/**
 * Opens a ticket from the public contact form as part of ONE statement
 * (data-modifying CTEs: one round trip, one commit; issue 7 needs ≥ 300
 * submissions/s): the contact (created or found by e-mail), the ticket
 * (channel `form`, number taken beforehand), its automatic classification, the
 * first customer message, its attachments, the numéros uniques written in it, and the events `ticket.opened` and
 * `message.added` (actor: the contact) and a `ticket.field_changed` per value
 * filed automatically (actor: the system).
 *
 * It returns the statement's CTEs, not a result: the portal adds its own rows
 * (help-centre context, acknowledgement) as further CTEs reading `ticket`
 * (`formTicketId`) and ends it with `selectFrom('ticket')`, so everything commits
 * together. Run it prepared (its text never varies: lists are array parameters).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { numerosUniquesIn } from '../../shared/numero-unique.ts';
import { type TicketEventDataOf, ticketEventData } from '../../shared/ticket-events.ts';
import { contactRow, type NewContact, ticketRow } from './open-ticket.ts';

export type FormTicket = {
  mailboxId: string;
  /** From the ticket sequence (`nextTicketNumber`): the acknowledgement's Message-ID signs it. */
  number: number;
  at: Date;
  subject: string;
  contact: NewContact & { email: string };
  /** The first message's text, as the agent reads it. */
  body: string;
  flags: Record<string, unknown>;
  /** Field values Guichet files by itself (values of other mailboxes' fields are ignored). */
  valueIds: string[];
  /** Attachments whose bytes are already in the blob store. */
  attachments: { filename: string; contentType: string; size: number; sha256: string }[];
};

/** The new ticket's id, inside the statement. */
export const formTicketId = sql<number>`(select id from ticket)`;
const contactId = sql<string>`(select id from contact)`;

/**
 * The event data the form records, checked against the contract; the ids only
 * the statement knows (contact, message) are merged in by SQL.
 */
function eventData(): { opened: string; added: string } {
  const opened = ticketEventData['ticket.opened'].parse({
    channel: 'form',
    status: 'active',
    contactId: null,
    organisationId: null,
    linkedTicketId: null,
  } satisfies TicketEventDataOf<'ticket.opened'>);
  const added = ticketEventData['message.added']
    .omit({ messageId: true })
    .parse({ kind: 'customer', authorUserId: null });
  return { opened: JSON.stringify(opened), added: JSON.stringify(added) };
}
const formEvents = eventData();

/** The CTEs `contact`, `ticket`, `classified`, `message`, `attached` and `recorded` of a form ticket. */
export function openTicketFromForm(db: Kysely<DB>, form: FormTicket) {
  const { at, mailboxId, attachments: files } = form;
  return db
    .with('contact', (db) =>
      db
        .insertInto('contacts')
        .values(contactRow(form.contact))
        .onConflict((oc) =>
          oc.column('email').where('email', 'is not', null).doUpdateSet({ updated_at: at }),
        )
        .returning('id'),
    )
    .with('ticket', (db) =>
      db
        .insertInto('tickets')
        .values({
          ...ticketRow({ mailboxId, subject: form.subject, contactId: null, channel: 'form', at }),
          contact_id: contactId,
          number: form.number,
        })
        .returning(['id', 'number']),
    )
    .with('classified', (db) =>
      db
        .insertInto('ticket_field_values')
        .columns(['ticket_id', 'field_id', 'value_id', 'auto_filled'])
        .expression(
          db
            .selectFrom('field_values')
            .innerJoin('fields', 'fields.id', 'field_values.field_id')
            .select([
              formTicketId.as('ticket_id'),
              'field_values.field_id',
              'field_values.id',
              sql<boolean>`true`.as('auto_filled'),
            ])
            .where('field_values.id', '=', sql<string>`any(${form.valueIds}::uuid[])`)
            .where('fields.mailbox_id', '=', mailboxId),
        )
        .onConflict((oc) => oc.columns(['ticket_id', 'field_id']).doNothing())
        .returning(['field_id', 'value_id']),
    )
    .with('message', (db) =>
      db
        .insertInto('messages')
        .values({
          ticket_id: formTicketId,
          mailbox_id: mailboxId,
          kind: 'customer',
          author_contact_id: contactId,
          from_address: form.contact.email,
          subject: form.subject,
          body_text: form.body,
          created_at: at,
          flags: form.flags,
        })
        .returning('id'),
    )
    .with('attached', (db) =>
      db
        .insertInto('attachments')
        .columns(['ticket_id', 'message_id', 'filename', 'content_type', 'size_bytes', 'sha256'])
        .expression(
          sql`select ${formTicketId}, (select id from message), f.* from unnest(
            ${files.map((f) => f.filename)}::text[], ${files.map((f) => f.contentType)}::text[],
            ${files.map((f) => f.size)}::bigint[], ${files.map((f) => f.sha256)}::text[]) as f`,
        ),
    )
    .with('numbered', (db) =>
      db
        .insertInto('ticket_demand_numbers')
        .columns(['ticket_id', 'numero', 'source', 'message_id'])
        .expression(
          sql`select ${formTicketId}, n, 'text', (select id from message)
            from unnest(${numerosUniquesIn([form.subject, form.body])}::text[]) as n`,
        ),
    )
    .with('recorded', (db) =>
      db
        .insertInto('ticket_events')
        .columns(['ticket_id', 'mailbox_id', 'type', 'actor_kind', 'data', 'at'])
        .expression(
          // ticket.opened first, then message.added (ids follow the order of the rows), then
          // one ticket.field_changed per value filed by Guichet (actor: the system).
          sql`select t.id, ${mailboxId}::uuid, e.type, e.actor, e.data, ${at}::timestamptz
            from ticket t cross join lateral (
              select * from (values
                (1, 'ticket.opened', 'contact',
                  ${formEvents.opened}::jsonb || jsonb_build_object('contactId', (select id from contact))),
                (2, 'message.added', 'contact',
                  ${formEvents.added}::jsonb || jsonb_build_object('messageId', (select id from message)))
              ) as fixed(n, type, actor, data)
              union all
              select 3, 'ticket.field_changed', 'system',
                jsonb_build_object('fieldId', c.field_id, 'from', null, 'to', c.value_id)
              from classified c
            ) as e(n, type, actor, data)
            order by e.n, e.data->>'fieldId'`,
        ),
    );
}
