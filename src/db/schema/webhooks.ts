/**
 * Kysely table types of webhooks (../migrations/0048_webhooks.sql, issue 21 §3):
 * subscriptions, the fan-out cursor, deliveries and their attempts.
 * Assembled into `DB` by ../schema.ts.
 */
import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Json, TextArray, Timestamp } from './columns.ts';

export type WebhooksTable = {
  id: Generated<string>;
  name: string;
  url: string;
  secret_encrypted: string;
  mailbox_ids: TextArray;
  event_types: TextArray;
  enabled: Generated<boolean>;
  disabled_reason: 'failures' | null;
  disabled_at: Timestamp | null;
  failing_since: Timestamp | null;
  start_event_id: Generated<number>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type WebhookCursorTable = {
  id: Generated<boolean>;
  /** xid8, read as text (cast in SQL). */
  last_tx: string;
  last_event_id: number;
};

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export type WebhookDeliveriesTable = {
  id: Generated<number>;
  webhook_id: string;
  event_id: number | null;
  ticket_id: number | null;
  type: string;
  payload: Json<Record<string, unknown>>;
  status: ColumnType<
    WebhookDeliveryStatus,
    WebhookDeliveryStatus | undefined,
    WebhookDeliveryStatus
  >;
  attempts: Generated<number>;
  next_attempt_at: DefaultTimestamp;
  locked_until: Timestamp | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: DefaultTimestamp;
  finished_at: Timestamp | null;
};

export type WebhookAttemptsTable = {
  id: Generated<number>;
  delivery_id: number;
  webhook_id: string;
  at: DefaultTimestamp;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
};
