/** Webhooks as the API gives them (issue 21 §3): never the secret. */
import type { WebhookRow } from '../domain/webhooks/manage-webhooks.ts';
import type { WebhookAttemptRow } from '../domain/webhooks/webhook-log.ts';
import { isTicketEventType, type TicketEventType } from '../shared/ticket-events.ts';
import type { WebhookAttemptDto, WebhookDto } from '../shared/webhook-contracts.ts';

const iso = (value: Date | string | null) =>
  value === null ? null : new Date(value).toISOString();

export function presentWebhook(row: WebhookRow & { pending?: number }): WebhookDto {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    mailboxIds: row.mailbox_ids,
    eventTypes: row.event_types.filter((t): t is TicketEventType => isTicketEventType(t)),
    state: row.enabled
      ? 'active'
      : row.disabled_reason === 'failures'
        ? 'disabled_failures'
        : 'disabled',
    disabledAt: iso(row.disabled_at),
    failingSince: iso(row.failing_since),
    pending: row.pending ?? 0,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function presentWebhookAttempt(row: WebhookAttemptRow): WebhookAttemptDto {
  return {
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    deliveryId: Number(row.delivery_id),
    type: row.type,
    ticketNumber: row.ticket_number === null ? null : Number(row.ticket_number),
    statusCode: row.status_code,
    durationMs: row.duration_ms,
    error: row.error,
    deliveryStatus: row.delivery_status,
  };
}
