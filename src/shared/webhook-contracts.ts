/**
 * Webhooks (issue 21 §3), as the API reads and writes them: subscriptions of
 * another system to ticket events, their delivery log, and the payload they
 * receive (signed per the Standard Webhooks specification).
 */
import { z } from 'zod';
import { type TicketEventActor, type TicketEventType, ticketEventTypes } from './ticket-events.ts';

const eventTypeSchema = z.enum(ticketEventTypes as [TicketEventType, ...TicketEventType[]]);

/** A subscription as an administrator writes it. Empty filters mean "all". */
export const webhookInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  url: z.string().trim().min(1).max(2000),
  mailboxIds: z.array(z.uuid()).max(200).default([]),
  eventTypes: z.array(eventTypeSchema).max(100).default([]),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

/** A change: any of the fields, and switching it on or off. */
export const webhookChangeSchema = webhookInputSchema
  .partial()
  .extend({ enabled: z.boolean().optional() });
export type WebhookChange = z.infer<typeof webhookChangeSchema>;

export type WebhookState = 'active' | 'disabled' | 'disabled_failures';

export type WebhookDto = {
  id: string;
  name: string;
  url: string;
  mailboxIds: string[];
  eventTypes: TicketEventType[];
  state: WebhookState;
  disabledAt: string | null;
  /** Since when every attempt failed (null after a success). */
  failingSince: string | null;
  /** Messages waiting to leave. */
  pending: number;
  createdAt: string;
};

/** The answer to a creation: the secret is shown this once. */
export type WebhookCreatedDto = { webhook: WebhookDto; secret: string };

export type WebhookListDto = {
  webhooks: WebhookDto[];
  /** What the filters offer. */
  options: { mailboxes: { id: string; name: string }[]; eventTypes: TicketEventType[] };
};

/** One attempt of the delivery log. */
export type WebhookAttemptDto = {
  id: number;
  at: string;
  deliveryId: number;
  type: string;
  ticketNumber: number | null;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  /** Where its message stands now. */
  deliveryStatus: 'pending' | 'delivered' | 'failed';
};

export type WebhookLogDto = { attempts: WebhookAttemptDto[] };

/** The outcome of "send a test event". */
export type WebhookTestDto = {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
};

/** The type of the test message. */
export const webhookTestType = 'webhook.test';

/**
 * The body a receiver gets (Standard Webhooks' `type`, `timestamp`, `data`).
 * `data` is the ticket event: ids, states and numbers only, as the event
 * contract allows (src/shared/ticket-events.ts); nothing personal.
 */
export type WebhookPayload =
  | {
      type: TicketEventType;
      timestamp: string;
      data: {
        eventId: number;
        ticketId: number;
        ticketNumber: number | null;
        mailboxId: string;
        actor: TicketEventActor;
        data: Record<string, unknown>;
      };
    }
  | { type: typeof webhookTestType; timestamp: string; data: { webhookId: string } };
