/**
 * Everything the ticket screen shows (issue 6 §2): the ticket, its thread in
 * order (messages, notes, calls, events, ratings, attachments), the contact and
 * organisation with their previous tickets, and the classification panel.
 * Bodies are masked (NIR, IBAN) and inbound HTML sanitised here, on display.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { sanitizeMailHtml } from '../../mail/render/sanitize-mail-html.ts';
import type { ThreadItemDto, TicketViewDto } from '../../shared/workspace-contracts.ts';
import { maskSensitiveData } from '../privacy/sensitive-data.ts';
import { listAgents } from './filter-options.ts';

const imageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** The ticket screen's data; AppError('not_found') for a missing or deleted ticket. */
export async function ticketView(
  db: Kysely<DB>,
  ticketId: number,
): Promise<Omit<TicketViewDto, 'signature'>> {
  const ticket = await db
    .selectFrom('tickets')
    .innerJoin('mailboxes', 'mailboxes.id', 'tickets.mailbox_id')
    .leftJoin('users', 'users.id', 'tickets.assignee_id')
    .selectAll('tickets')
    .select(['mailboxes.name as mailbox_name', 'users.name as assignee_name'])
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
  const thread: ThreadItemDto[] = messages.map((m) => {
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
      createdAt: m.created_at.toISOString(),
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
    };
  });

  return {
    ticket: {
      id: ticket.id,
      number: ticket.number,
      mailboxId: ticket.mailbox_id,
      mailboxName: ticket.mailbox_name,
      subject: ticket.subject,
      status: ticket.status,
      contact: contact ? { name: contact.name, email: contact.email } : null,
      organisationName: organisation?.name ?? null,
      assignee:
        ticket.assignee_id && ticket.assignee_name
          ? { id: ticket.assignee_id, name: ticket.assignee_name }
          : null,
      tags: tags.map((t) => t.name),
      createdAt: ticket.created_at.toISOString(),
      lastMessageAt: ticket.last_message_at.toISOString(),
      preview: '',
      mergedIntoId: ticket.merged_into_id,
      linkedTicketId: ticket.linked_ticket_id,
      closedAt: ticket.closed_at?.toISOString() ?? null,
    },
    contact: contact
      ? { id: contact.id, name: contact.name, email: contact.email, phone: contact.phone }
      : null,
    organisation: organisation ?? null,
    previousTickets: previousTickets.map((t) => ({
      id: t.id,
      number: t.number,
      subject: t.subject,
      status: t.status,
      createdAt: t.created_at.toISOString(),
    })),
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
  };
}
