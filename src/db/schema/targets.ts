/**
 * Kysely table types of response targets and tickets' due times
 * (../migrations/0033_response_targets.sql). Assembled into `DB` by ../schema.ts.
 */
import type { Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './columns.ts';

export type DueKind = 'first_response' | 'next_response' | 'resolution';

export type ResponseTargetsTable = {
  id: Generated<string>;
  mailbox_id: string;
  field_value_id: string | null;
  organisation_type_value_id: string | null;
  created_at: DefaultTimestamp;
};

export type ResponseTargetVersionsTable = {
  id: Generated<number>;
  target_id: string;
  valid_from: DefaultTimestamp;
  first_response_seconds: number | null;
  next_response_seconds: number | null;
  resolution_seconds: number | null;
  business_hours: Generated<boolean>;
  warn_before_seconds: Generated<number>;
  removed: Generated<boolean>;
  created_by: string | null;
  created_at: DefaultTimestamp;
};

export type TicketDueTimesTable = {
  ticket_id: number;
  mailbox_id: string;
  target_version_id: number;
  due_kind: DueKind;
  due_at: Timestamp;
  warn_at: Timestamp;
  first_response_due_at: Timestamp | null;
  next_response_due_at: Timestamp | null;
  resolution_due_at: Timestamp | null;
  warned_due_at: Timestamp | null;
  missed_due_at: Timestamp | null;
};
