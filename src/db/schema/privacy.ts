/**
 * Kysely table types of personal data: retention policies and runs, privacy requests,
 * attachment tombstones and job leases (../migrations/0009_privacy.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { Generated } from 'kysely';
import type { DefaultTimestamp, Json, Timestamp } from './columns.ts';

export type RetentionPoliciesTable = {
  mailbox_id: string;
  months: number;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
};

export type RetentionRunsTable = {
  id: Generated<number>;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  dry_run: boolean;
  trigger: 'schedule' | 'cli' | 'api';
  actor_user_id: string | null;
  tickets: Generated<number>;
  attachments: Generated<number>;
  blobs_removed: Generated<number>;
  details: Json<Record<string, unknown>>;
  error: string | null;
};

export type PrivacyRequestsTable = {
  id: Generated<string>;
  kind: 'find' | 'export' | 'erase';
  query_sha256: string;
  requested_by: string;
  performed_by: string | null;
  performed_label: string | null;
  performed_at: DefaultTimestamp;
  summary: Json<Record<string, unknown>>;
};

export type AttachmentTombstonesTable = {
  id: string;
  ticket_id: number;
  message_id: number | null;
  content_type: string;
  size_bytes: number;
  document_kind: string | null;
  purged_by: string | null;
  purged_at: DefaultTimestamp;
};

export type JobLeasesTable = { name: string; owner: string; lease_until: Timestamp };
