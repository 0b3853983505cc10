/**
 * Kysely table types of mail transport: IMAP/SMTP settings per mailbox, IMAP cursors, the
 * outbox and dead letters (../migrations/0004_mail.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './columns.ts';

export type MailboxMailSettingsTable = {
  mailbox_id: string;
  imap_enabled: Generated<boolean>;
  imap_host: string | null;
  imap_port: number | null;
  imap_tls: Generated<boolean>;
  imap_user: string | null;
  imap_password_enc: string | null;
  imap_folder: Generated<string>;
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_tls: Generated<boolean>;
  smtp_user: string | null;
  smtp_password_enc: string | null;
  signature: string | null;
  ack_enabled: Generated<boolean>;
  ack_subject: string | null;
  ack_body: string | null;
  reopen_days: Generated<number>;
  updated_at: DefaultTimestamp;
};

export type ImapCursorsTable = {
  mailbox_id: string;
  folder: string;
  uidvalidity: number;
  last_uid: Generated<number>;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  updated_at: DefaultTimestamp;
};

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'withdrawn';

export type OutboxTable = {
  id: Generated<number>;
  mailbox_id: string;
  /** Null for account mail (invitations, password resets: migration 0010). */
  ticket_id: number | null;
  message_id: number | null;
  kind: 'reply' | 'ack' | 'account' | 'notice' | 'notification' | 'forward';
  rfc_message_id: string;
  to_address: string;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: DefaultTimestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: DefaultTimestamp;
  account_token_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** A notice to administrators (migration 0049): its subject and text. */
  notice_subject: ColumnType<string | null, string | null | undefined, string | null>;
  notice_text: ColumnType<string | null, string | null | undefined, string | null>;
  /** The user a notification mail goes to (0036); its notifications point at the row. */
  notify_user_id: ColumnType<string | null, string | null | undefined, string | null>;
};

export type DeadLettersTable = {
  id: Generated<number>;
  mailbox_id: string | null;
  raw_sha256: string;
  source: 'smtp' | 'imap' | 'reprocess';
  reason: string;
  attempts: Generated<number>;
  received_at: DefaultTimestamp;
  resolved_at: Timestamp | null;
};

/** The last connection test of a mailbox's SMTP or IMAP server (migration 0026). */
export type MailConnectionChecksTable = {
  mailbox_id: string;
  kind: 'smtp' | 'imap';
  ok: boolean;
  reason: string | null;
  checked_at: DefaultTimestamp;
};
