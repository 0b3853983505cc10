/**
 * Everything the ticket screen shows (issue 6 §2): the ticket, its thread in
 * order (messages, notes, calls, events, ratings, attachments), the contact and
 * organisation with their previous tickets, and the classification panel.
 * Bodies are masked (NIR, IBAN) and inbound HTML sanitised here, on display.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ContactsTable } from '../../db/schema/contacts.ts';
import type { TicketsTable } from '../../db/schema/tickets.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { maskSensitiveData } from '../privacy/sensitive-data.ts';
import { livePosition } from '../tickets/events/live-events.ts';
import { listAgents } from './filter-options.ts';
import { sanitizeMailHtml } from './sanitize-mail-html.ts';

const imageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** A message, note, call or event of the thread as an agent may see it (bodies masked, HTML safe). */
export type ThreadItem = {
  id: number;
  kind: 'customer' | 'reply' | 'note' | 'phone' | 'event';
  createdAt: Date;
  author: string | null;
  fromAddress: string | null;
  subject: string | null;
  bodyText: string | null;
  bodyHtml: string | null;
  masked: string[];
  callDirection: 'inbound' | 'outbound' | null;
  callDurationSeconds: number | null;
  eventType: string | null;
  eventData: unknown;
  attachments: {
    id: string;
    filename: string;
    contentType: string;
    sizeBytes: number;
    isImage: boolean;
  }[];
  rating: { level: 'great' | 'okay' | 'not_good'; comment: string | null } | null;
  flags: MessageFlags;
};

/** What intake noticed about an inbound mail (store-inbound.ts writes `messages.flags`). */
export type MessageFlags = {
  stranger: boolean;
  replyTo: string | null;
  automatic: string | null;
  winmailDat: boolean;
};

/** The flags an agent sees, from the stored ones (unknown shapes read as absent). */
export function messageFlagsOf(stored: Record<string, unknown> | null): MessageFlags {
  const flags = stored ?? {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  return {
    stranger: flags.stranger === true,
    replyTo: text(flags.reply_to),
    automatic: flags.automatic === true ? 'automatic' : text(flags.automatic),
    winmailDat: flags.winmail_dat === true,
  };
}

/** A field of the ticket's mailbox with its choices and the ticket's value. */
export type FieldPanel = {
  id: string;
  key: string;
  label: string;
  requiredToClose: boolean;
  values: { id: string; label: string }[];
  value: { id: string; label: string; autoFilled: boolean } | null;
};

/** What the ticket screen shows (src/presenters/ticket-view.ts gives it to the API). */
export type TicketView = {
  ticket: Selectable<TicketsTable> & {
    mailbox_name: string;
    assignee_name: string | null;
    merged_into_number: number | null;
  };
  contact: Selectable<ContactsTable> | null;
  organisation: { id: string; name: string } | null;
  tags: string[];
  previousTickets: {
    id: number;
    number: number;
    subject: string;
    status: Selectable<TicketsTable>['status'];
    created_at: Date;
  }[];
  thread: ThreadItem[];
  fields: FieldPanel[];
  agents: { id: string; name: string }[];
  lastEventId: number;
  /** The live position read before the view (issue 16 §16): the stream resumes from it. */
  livePosition: number;
};

/** The ticket screen's data; AppError('not_found') for a missing or deleted ticket. */
export async function ticketView(db: Kysely<DB>, ticketId: number): Promise<TicketView> {
  // Read first: any change after it comes on the stream resumed from it.
  const position = await livePosition(db);
  const ticket = await db
    .selectFrom('tickets')
    .innerJoin('mailboxes', 'mailboxes.id', 'tickets.mailbox_id')
    .leftJoin('users', 'users.id', 'tickets.assignee_id')
    .selectAll('tickets')
    .select(['mailboxes.name as mailbox_name', 'users.name as assignee_name'])
    .select((eb) =>
      eb
        .selectFrom('tickets as merged')
        .select('merged.number')
        .whereRef('merged.id', '=', 'tickets.merged_into_id')
        .as('merged_into_number'),
    )
    .where('tickets.id', '=', ticketId)
    .where('tickets.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!ticket) throw new AppError('not_found', 'No such ticket.');

  const [
    contact,
    organisation,
    messages,
    attachments,
    ratings,
    tags,
    fields,
    values,
    agents,
    last,
  ] = await Promise.all([
    ticket.contact_id
      ? db.selectFrom('contacts').selectAll().where('id', '=', ticket.contact_id).executeTakeFirst()
      : undefined,
    db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where(
        'id',
        '=',
        ticket.organisation_id ??
          db.selectFrom('contacts').select('organisation_id').where('id', '=', ticket.contact_id),
      )
      .executeTakeFirst(),
    db
      .selectFrom('messages')
      .leftJoin('users', 'users.id', 'messages.author_user_id')
      .leftJoin('contacts', 'contacts.id', 'messages.author_contact_id')
      .selectAll('messages')
      .select(['users.name as user_name', 'contacts.name as contact_name'])
      .where('messages.ticket_id', '=', ticketId)
      .orderBy('messages.created_at')
      .orderBy('messages.id')
      .limit(2000)
      .execute(),
    db
      .selectFrom('attachments')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('ratings')
      .select(['message_id', 'level', 'comment'])
      .where('ticket_id', '=', ticketId)
      .execute(),
    db
      .selectFrom('ticket_tags')
      .innerJoin('tags', 'tags.id', 'ticket_tags.tag_id')
      .select('tags.name')
      .where('ticket_tags.ticket_id', '=', ticketId)
      .orderBy('tags.name')
      .execute(),
    db
      .selectFrom('fields')
      .select(['id', 'key', 'label', 'required_to_close'])
      .where('mailbox_id', '=', ticket.mailbox_id)
      .where('archived_at', 'is', null)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('ticket_field_values')
      .innerJoin('field_values', 'field_values.id', 'ticket_field_values.value_id')
      .select([
        'ticket_field_values.field_id',
        'ticket_field_values.value_id',
        'ticket_field_values.auto_filled',
        'field_values.label',
      ])
      .where('ticket_field_values.ticket_id', '=', ticketId)
      .execute(),
    listAgents(db),
    db
      .selectFrom('live_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst(),
  ]);
  const fieldIds = fields.map((f) => f.id);
  const choices =
    fieldIds.length > 0
      ? await db
          .selectFrom('field_values')
          .select(['id', 'field_id', 'label'])
          .where('field_id', 'in', fieldIds)
          .where('archived_at', 'is', null)
          .where('merged_into_id', 'is', null)
          .orderBy('position')
          .orderBy('label')
          .execute()
      : [];
  const previousTickets = ticket.contact_id
    ? await db
        .selectFrom('tickets')
        .select(['id', 'number', 'subject', 'status', 'created_at'])
        .where('contact_id', '=', ticket.contact_id)
        .where('mailbox_id', '=', ticket.mailbox_id)
        .where('id', '<>', ticketId)
        .where('deleted_at', 'is', null)
        .orderBy('created_at', 'desc')
        .limit(10)
        .execute()
    : [];

  const byContentId = new Map(
    attachments.filter((a) => a.content_id).map((a) => [a.content_id as string, a.id]),
  );
  const thread: ThreadItem[] = messages.map((m) => {
    const text = m.body_text === null ? null : maskSensitiveData(m.body_text);
    const html =
      m.body_html === null
        ? null
        : maskSensitiveData(
            sanitizeMailHtml(m.body_html, {
              cidUrl: (cid) => {
                const id = byContentId.get(cid);
                return id ? `/api/attachments/${id}?inline=1` : null;
              },
            }),
          );
    const rating = ratings.find((r) => r.message_id === m.id);
    return {
      id: m.id,
      kind: m.kind,
      createdAt: m.created_at,
      author: m.user_name ?? m.contact_name ?? null,
      fromAddress: m.from_address,
      subject: m.subject,
      bodyText: text?.text ?? null,
      bodyHtml: html?.text ?? null,
      masked: [...new Set([...(text?.masked ?? []), ...(html?.masked ?? [])])],
      callDirection: m.call_direction,
      callDurationSeconds: m.call_duration_seconds,
      eventType: m.event_type,
      eventData: m.event_data,
      attachments: attachments
        .filter((a) => a.message_id === m.id && !a.is_inline)
        .map((a) => ({
          id: a.id,
          filename: a.filename,
          contentType: a.content_type,
          sizeBytes: Number(a.size_bytes),
          isImage: imageTypes.has(a.content_type),
        })),
      rating: rating ? { level: rating.level, comment: rating.comment } : null,
      flags: messageFlagsOf(m.flags),
    };
  });

  return {
    ticket,
    contact: contact ?? null,
    organisation: organisation ?? null,
    tags: tags.map((t) => t.name),
    previousTickets,
    thread,
    fields: fields.map((f) => {
      const current = values.find((v) => v.field_id === f.id);
      return {
        id: f.id,
        key: f.key,
        label: f.label,
        requiredToClose: f.required_to_close,
        values: choices
          .filter((c) => c.field_id === f.id)
          .map((c) => ({ id: c.id, label: c.label })),
        value: current
          ? { id: current.value_id, label: current.label, autoFilled: current.auto_filled }
          : null,
      };
    }),
    agents,
    lastEventId: Number(last?.id ?? 0),
    livePosition: position,
  };
}
