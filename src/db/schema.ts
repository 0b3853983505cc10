/**
 * Kysely table types for the SQL in ./migrations. Written by hand, next to the
 * SQL. Keep both in step: tests insert and read every table through these types.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export type Role = 'admin' | 'supervisor' | 'agent' | 'viewer';
export type TicketStatus = 'active' | 'pending' | 'closed' | 'spam';
export type TicketChannel = 'email' | 'form' | 'phone' | 'import' | 'api';
export type MessageKind = 'customer' | 'reply' | 'note' | 'phone' | 'event';
export type RatingLevel = 'great' | 'okay' | 'not_good';

export type SchemaMigrationsTable = {
  version: number;
  name: string;
  checksum: string;
  applied_at: DefaultTimestamp;
};

export type SettingsTable = { key: string; value: Json; updated_at: DefaultTimestamp };

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

export type UsersTable = {
  id: Generated<string>;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  language: Generated<'fr' | 'en'>;
  signature: string | null;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** Agents and viewers: false = only the mailboxes in user_mailboxes (0005). */
  all_mailboxes: Generated<boolean>;
};

export type UserMailboxesTable = {
  user_id: string;
  mailbox_id: string;
};

export type SessionsTable = {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
};

export type LoginThrottleTable = {
  key: string;
  failures: Generated<number>;
  window_started_at: Timestamp;
  blocked_until: Timestamp | null;
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

export type OrganisationsTable = {
  id: Generated<string>;
  name: string;
  partner_type_value_id: string | null;
  departement_value_id: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type OrganisationDomainsTable = { domain: string; organisation_id: string };

export type ContactsTable = {
  id: Generated<string>;
  email: string | null;
  name: string | null;
  phone: string | null;
  organisation_id: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  anonymised_at: Timestamp | null;
};

export type TicketsTable = {
  id: Generated<number>;
  number: Generated<number>;
  mailbox_id: string;
  status: ColumnType<TicketStatus, TicketStatus | undefined, TicketStatus>;
  deleted_at: Timestamp | null;
  subject: ColumnType<string, string | undefined, string>;
  contact_id: string | null;
  organisation_id: string | null;
  assignee_id: string | null;
  channel: TicketChannel;
  created_at: Timestamp;
  first_response_at: Timestamp | null;
  first_response_seconds: number | null;
  first_response_business_seconds: number | null;
  closed_at: Timestamp | null;
  last_message_at: Timestamp;
  updated_at: DefaultTimestamp;
  linked_ticket_id: number | null;
  merged_into_id: number | null;
  source: string | null;
  source_id: string | null;
  /** When its personal content was erased (0009). */
  anonymised_at: Generated<Date | null>;
};

export type MessagesTable = {
  id: Generated<number>;
  ticket_id: number;
  mailbox_id: string;
  kind: MessageKind;
  author_user_id: string | null;
  author_contact_id: string | null;
  from_address: string | null;
  to_addresses: TextArray;
  cc_addresses: TextArray;
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
  message_id: string | null;
  in_reply_to: string | null;
  references_ids: TextArray;
  created_at: Timestamp;
  call_direction: 'inbound' | 'outbound' | null;
  call_duration_seconds: number | null;
  event_type: string | null;
  event_data: Json | null;
  flags: ColumnType<
    Record<string, unknown>,
    string | Record<string, unknown> | undefined,
    string | Record<string, unknown>
  >;
  raw_sha256: string | null;
  source_id: string | null;
  /** Written in bulk; searchable once the search backlog job has indexed it (0011). */
  search_pending: Generated<boolean>;
  /** 'nir' | 'iban' found in the text (0009). */
  sensitive_kinds: TextArray;
};

export type TicketFieldValuesTable = {
  ticket_id: number;
  field_id: string;
  value_id: string;
  auto_filled: Generated<boolean>;
  set_by: string | null;
  set_at: DefaultTimestamp;
};

export type TagsTable = { id: Generated<string>; name: string };
export type TicketTagsTable = { ticket_id: number; tag_id: string };

export type RatingsTable = {
  id: Generated<string>;
  message_id: number;
  ticket_id: number;
  agent_id: string | null;
  level: RatingLevel;
  comment: string | null;
  rated_at: Timestamp;
  created_at: DefaultTimestamp;
};

export type RatingHistoryTable = {
  id: Generated<number>;
  rating_id: string;
  level: RatingLevel;
  comment: string | null;
  rated_at: Timestamp;
};

export type AttachmentsTable = {
  id: Generated<string>;
  ticket_id: number;
  message_id: number | null;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content_id: string | null;
  is_inline: Generated<boolean>;
  created_at: DefaultTimestamp;
};

export type AuditEventsTable = {
  id: Generated<number>;
  at: DefaultTimestamp;
  actor_user_id: string | null;
  actor_label: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, never>;
};

export type YearlyTotalsTable = {
  mailbox_id: string;
  year: number;
  tickets: number;
  replies: number | null;
  source: Generated<string>;
  updated_at: DefaultTimestamp;
};

export type ReportTextsTable = {
  year: number;
  section: string;
  body: string;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
};

export type ReportSnapshotsTable = {
  id: Generated<number>;
  year: number;
  model: ColumnType<unknown, string, never>;
  published_by: string | null;
  published_at: DefaultTimestamp;
};

export type ReportSummaryRunsTable = {
  month: string;
  sent_at: DefaultTimestamp;
  recipients: number;
};

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

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

export type OutboxTable = {
  id: Generated<number>;
  mailbox_id: string;
  /** Null for account mail (invitations, password resets: migration 0010). */
  ticket_id: number | null;
  message_id: number | null;
  kind: 'reply' | 'ack' | 'account';
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

export type ImportRecordsTable = {
  source: string;
  source_id: string;
  ticket_id: number;
  content_hash: string;
  run_id: string;
  file: string;
  line: number;
  extra: Json<Record<string, unknown>>;
  imported_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type ImportRunsTable = {
  id: string;
  kind: 'helpscout' | 'csv' | 'totals';
  dry_run: Generated<boolean>;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  summary: Json<Record<string, unknown>>;
};

// Personal data (0009).
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
export type PortalSitesTable = {
  departement: string;
  name: string;
  logo_sha256: string | null;
  color_primary: Generated<string>;
  color_accent: Generated<string>;
  intro: Generated<string>;
  embed_origins: TextArray;
  enabled: Generated<boolean>;
  updated_at: DefaultTimestamp;
};

export type PortalNaturesTable = {
  key: string;
  label: string;
  hint: Generated<string>;
  value_id: string | null;
  position: Generated<number>;
  archived_at: Timestamp | null;
};

export type KbCategoriesTable = {
  id: Generated<string>;
  slug: string;
  title: string;
  description: Generated<string>;
  position: Generated<number>;
};

export type KbArticlesTable = {
  id: Generated<string>;
  slug: string;
  category_id: string | null;
  departement: string | null;
  nature_keys: TextArray;
  position: Generated<number>;
  draft_title: string;
  draft_body: Generated<string>;
  needs_review: Generated<boolean>;
  published_title: string | null;
  published_body: string | null;
  published_html: string | null;
  published_at: Timestamp | null;
  version: Generated<number>;
  /** Generated from the published copy (french, unaccented); never written. */
  search: ColumnType<string, never, never>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  updated_by: string | null;
};

export type KbArticleVersionsTable = {
  article_id: string;
  version: number;
  title: string;
  body: string;
  published_at: Timestamp;
  published_by: string | null;
};

export type KbImagesTable = {
  sha256: string;
  content_type: 'image/png' | 'image/jpeg';
  size_bytes: number;
  created_at: DefaultTimestamp;
};

export type PortalTicketContextTable = {
  ticket_id: number;
  departement: string;
  nature_key: string | null;
  numero_unique: string | null;
  viewed_article_ids: TextArray;
  masked: TextArray;
  created_at: DefaultTimestamp;
};

export type PortalRateLimitsTable = {
  key: string;
  window_started_at: Timestamp;
  hits: Generated<number>;
};

export type PortalEventKind =
  | 'article_view'
  | 'search'
  | 'vote_yes'
  | 'vote_no'
  | 'form_start'
  | 'form_submit';

export type PortalEventsTable = {
  id: Generated<number>;
  at: DefaultTimestamp;
  departement: string;
  kind: PortalEventKind;
  nature_key: string | null;
  article_id: string | null;
  query: string | null;
  results: number | null;
};

export type DB = {
  schema_migrations: SchemaMigrationsTable;
  settings: SettingsTable;
  mailboxes: MailboxesTable;
  mailbox_addresses: MailboxAddressesTable;
  users: UsersTable;
  user_mailboxes: UserMailboxesTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  fields: FieldsTable;
  field_values: FieldValuesTable;
  organisations: OrganisationsTable;
  organisation_domains: OrganisationDomainsTable;
  contacts: ContactsTable;
  tickets: TicketsTable;
  messages: MessagesTable;
  ticket_field_values: TicketFieldValuesTable;
  tags: TagsTable;
  ticket_tags: TicketTagsTable;
  ratings: RatingsTable;
  rating_history: RatingHistoryTable;
  attachments: AttachmentsTable;
  audit_events: AuditEventsTable;
  yearly_totals: YearlyTotalsTable;
  report_texts: ReportTextsTable;
  report_snapshots: ReportSnapshotsTable;
  report_summary_runs: ReportSummaryRunsTable;
  mailbox_mail_settings: MailboxMailSettingsTable;
  imap_cursors: ImapCursorsTable;
  outbox: OutboxTable;
  dead_letters: DeadLettersTable;
  import_records: ImportRecordsTable;
  import_runs: ImportRunsTable;
  live_events: LiveEventsTable;
  ticket_presence: TicketPresenceTable;
  saved_replies: SavedRepliesTable;
  retention_policies: RetentionPoliciesTable;
  retention_runs: RetentionRunsTable;
  privacy_requests: PrivacyRequestsTable;
  attachment_tombstones: AttachmentTombstonesTable;
  job_leases: JobLeasesTable;
  account_tokens: AccountTokensTable;
  user_totp: UserTotpTable;
  user_recovery_codes: UserRecoveryCodesTable;
  portal_sites: PortalSitesTable;
  portal_natures: PortalNaturesTable;
  kb_categories: KbCategoriesTable;
  kb_articles: KbArticlesTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_images: KbImagesTable;
  portal_ticket_context: PortalTicketContextTable;
  portal_rate_limits: PortalRateLimitsTable;
  portal_events: PortalEventsTable;
};

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type MailboxRow = Selectable<MailboxesTable>;
export type TicketRow = Selectable<TicketsTable>;

/** 0006: what changed, for the live stream (ids only). */
export type LiveEventsTable = {
  id: Generated<number>;
  at: DefaultTimestamp;
  mailbox_id: string;
  ticket_id: number | null;
  kind: 'ticket' | 'message' | 'presence';
  user_id: string | null;
};

export type TicketPresenceTable = {
  ticket_id: number;
  user_id: string;
  typing: Generated<boolean>;
  seen_at: DefaultTimestamp;
};

export type SavedRepliesTable = {
  id: Generated<string>;
  mailbox_id: string | null;
  name: string;
  body: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

// Migration 0010: users and access (issue 8 §5).

export type AccountTokenPurpose = 'invitation' | 'password_reset';

export type AccountTokensTable = {
  id: Generated<number>;
  user_id: string;
  purpose: AccountTokenPurpose;
  token_hash: string;
  nonce: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
};

export type UserTotpTable = {
  user_id: string;
  secret_enc: string;
  enabled_at: Timestamp | null;
  last_step: number | null;
  created_at: DefaultTimestamp;
};

export type UserRecoveryCodesTable = {
  id: Generated<number>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
};
