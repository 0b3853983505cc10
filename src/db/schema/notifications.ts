/**
 * Kysely table types of the agents' notifications (issue 18 §4,
 * ../migrations/0036_notifications_and_waits.sql). Assembled into `DB` by ../schema.ts.
 */
import type { ColumnType, Generated } from 'kysely';
import type { NotificationKind } from '../../shared/notification-contracts.ts';
import type { DefaultTimestamp, Json, Timestamp } from './columns.ts';

export type NotificationMailState = 'none' | 'pending' | 'queued';

export type NotificationsTable = {
  id: Generated<number>;
  user_id: string;
  event_id: number;
  kind: NotificationKind;
  ticket_id: number;
  mailbox_id: string;
  data: Json<Record<string, unknown>>;
  created_at: DefaultTimestamp;
  read_at: Timestamp | null;
  mail: ColumnType<NotificationMailState, NotificationMailState | undefined, NotificationMailState>;
  outbox_id: number | null;
};

export type NotificationPreferencesTable = {
  user_id: string;
  app_kinds: ColumnType<NotificationKind[], NotificationKind[], NotificationKind[]>;
  mail_kinds: ColumnType<NotificationKind[], NotificationKind[], NotificationKind[]>;
  mail_mode: ColumnType<'immediate' | 'digest', 'immediate' | 'digest' | undefined>;
  digest_minutes: Generated<number>;
  desktop: Generated<boolean>;
  updated_at: DefaultTimestamp;
};

export type EventConsumersTable = {
  name: string;
  /** xid8 as text: every event of a transaction below it is handled. */
  done_tx: string;
  /** xid8 as text: the window in progress, [done_tx, window_tx). */
  window_tx: string | null;
  last_event_id: Generated<number>;
  updated_at: DefaultTimestamp;
};
