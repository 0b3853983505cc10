/** The ticket screen's data → the API's `TicketViewDto` (times as ISO 8601 texts). */
import type { ThreadItem, TicketView } from '../domain/inbox/ticket-view.ts';
import type { ThreadItemDto, TicketViewDto } from '../shared/workspace-contracts.ts';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Who reads the ticket: administrators also see a relay's own words about a failure. */
export type ThreadAudience = 'agent' | 'admin';

/**
 * A failure of our relay (an outbox refusal, not a recipient's bounce) names its category
 * to agents: the relay's answer may come from a host inside the network (issue 16 §2).
 */
function eventDataFor(item: ThreadItem, audience: ThreadAudience): unknown {
  const data = item.eventData;
  if (audience === 'admin' || item.eventType !== 'delivery_failed') return data;
  if (typeof data !== 'object' || data === null || !('outbox_id' in data)) return data;
  const { reason: _relayWords, error: _error, ...rest } = data as Record<string, unknown>;
  return { ...rest, category: typeof rest.category === 'string' ? rest.category : 'other' };
}

export function presentThreadItem(
  item: ThreadItem,
  audience: ThreadAudience = 'agent',
): ThreadItemDto {
  return {
    id: item.id,
    kind: item.kind,
    createdAt: item.createdAt.toISOString(),
    author: item.author,
    fromAddress: item.fromAddress,
    subject: item.subject,
    bodyText: item.bodyText,
    bodyHtml: item.bodyHtml,
    masked: item.masked,
    callDirection: item.callDirection,
    callDurationSeconds: item.callDurationSeconds,
    eventType: item.eventType,
    eventData: eventDataFor(item, audience),
    attachments: item.attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      isImage: a.isImage,
    })),
    rating: item.rating ? { level: item.rating.level, comment: item.rating.comment } : null,
    flags: { ...item.flags },
  };
}

/** The ticket screen, with the signed-in agent's signature for the composer. */
export function presentTicketView(
  view: TicketView,
  signature: string | null,
  audience: ThreadAudience = 'agent',
): TicketViewDto {
  const { ticket, contact, organisation } = view;
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
      tags: view.tags,
      createdAt: ticket.created_at.toISOString(),
      lastMessageAt: ticket.last_message_at.toISOString(),
      preview: '',
      due:
        ticket.due_at && ticket.due_kind
          ? { at: new Date(ticket.due_at).toISOString(), kind: ticket.due_kind }
          : null,
      snoozedUntil: ticket.snoozed_until ? new Date(ticket.snoozed_until).toISOString() : null,
      followUp:
        ticket.follow_up_at && ticket.follow_up_action
          ? { at: new Date(ticket.follow_up_at).toISOString(), action: ticket.follow_up_action }
          : null,
      mergedIntoId: ticket.merged_into_id,
      mergedIntoNumber: ticket.merged_into_number ?? null,
      linkedTicketId: ticket.linked_ticket_id,
      closedAt: iso(ticket.closed_at),
    },
    contact: contact
      ? { id: contact.id, name: contact.name, email: contact.email, phone: contact.phone }
      : null,
    organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
    previousTickets: view.previousTickets.map((t) => ({
      id: t.id,
      number: t.number,
      subject: t.subject,
      status: t.status,
      createdAt: t.created_at.toISOString(),
    })),
    thread: view.thread.map((item) => presentThreadItem(item, audience)),
    fields: view.fields.map((f) => ({
      id: f.id,
      key: f.key,
      label: f.label,
      requiredToClose: f.requiredToClose,
      values: f.values.map((v) => ({ id: v.id, label: v.label })),
      value: f.value
        ? { id: f.value.id, label: f.value.label, autoFilled: f.value.autoFilled }
        : null,
    })),
    agents: view.agents.map((a) => ({ id: a.id, name: a.name })),
    lastEventId: view.lastEventId,
    version: ticket.version,
    livePosition: view.livePosition,
    signature,
  };
}
