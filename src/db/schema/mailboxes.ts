/**
 * Kysely table types of mailboxes, their addresses and the classification fields each
 * mailbox defines (../migrations/0001_initial.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { Generated, Selectable } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './columns.ts';

export type MailboxesTable = {
  id: Generated<string>;
  slug: string;
  name: string;
  position: Generated<number>;
  created_at: DefaultTimestamp;
  archived_at: Timestamp | null;
};

export type MailboxAddressesTable = {
  address: string;
  mailbox_id: string;
  is_primary: Generated<boolean>;
};

export type FieldsTable = {
  id: Generated<string>;
  mailbox_id: string;
  key: string;
  label: string;
  position: Generated<number>;
  required_to_close: Generated<boolean>;
  archived_at: Timestamp | null;
};

export type FieldValuesTable = {
  id: Generated<string>;
  field_id: string;
  label: string;
  position: Generated<number>;
  archived_at: Timestamp | null;
  merged_into_id: string | null;
  needs_review: Generated<boolean>;
  created_at: DefaultTimestamp;
};

export type MailboxRow = Selectable<MailboxesTable>;
