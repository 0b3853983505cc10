/**
 * Kysely table types for the SQL in ./migrations. Written by hand, next to the
 * SQL. Keep both in step: tests insert and read every table through these types.
 *
 * The tables are declared per area in ./schema/ (one file per area); this file is
 * the single entry: it assembles `DB` and re-exports every type of the areas, so
 * code imports from `db/schema.ts` only.
 */

import type { ApiTokensTable } from './schema/api-tokens.ts';
import type {
  AutomationCursorTable,
  AutomationFiringsTable,
  AutomationRoundRobinTable,
  AutomationRulesTable,
  MacrosTable,
} from './schema/automation.ts';
import type { ComposerDraftsTable, ComposerUploadsTable } from './schema/composer.ts';
import type {
  ContactsTable,
  OrganisationDomainsTable,
  OrganisationsTable,
} from './schema/contacts.ts';
import type { TicketDemandNumbersTable } from './schema/demand-numbers.ts';
import type { TicketEventsTable } from './schema/events.ts';
import type { ImportRecordsTable, ImportRunsTable } from './schema/import.ts';
import type { IncidentsTable, IncidentTicketsTable } from './schema/incidents.ts';
import type {
  DeadLettersTable,
  ImapCursorsTable,
  MailboxMailSettingsTable,
  MailConnectionChecksTable,
  OutboxTable,
} from './schema/mail.ts';
import type {
  FieldsTable,
  FieldValuesTable,
  MailboxAddressesTable,
  MailboxesTable,
} from './schema/mailboxes.ts';
import type {
  EventConsumersTable,
  NotificationPreferencesTable,
  NotificationsTable,
} from './schema/notifications.ts';
import type {
  KbArticlesTable,
  KbArticleVersionsTable,
  KbCategoriesTable,
  KbImagesTable,
  PortalEventsTable,
  PortalFormNoncesTable,
  PortalNaturesTable,
  PortalRateLimitsTable,
  PortalSitesTable,
  PortalTicketContextTable,
} from './schema/portal.ts';
import type {
  AttachmentTombstonesTable,
  JobLeasesTable,
  PrivacyRequestsTable,
  RetentionPoliciesTable,
  RetentionRunsTable,
} from './schema/privacy.ts';
import type { RatingHistoryTable, RatingsTable } from './schema/ratings.ts';
import type {
  ReportSnapshotsTable,
  ReportSummaryRunsTable,
  ReportTextsTable,
  YearlyTotalsTable,
} from './schema/reports.ts';
import type {
  SsoIdentitiesTable,
  SsoLoginStatesTable,
  SsoPasswordOffDomainsTable,
  SsoProvidersTable,
  UserOrganisationsTable,
} from './schema/sso.ts';
import type {
  AuditEventsTable,
  JobStateTable,
  SchemaMigrationsTable,
  SettingsTable,
} from './schema/system.ts';
import type {
  ResponseTargetsTable,
  ResponseTargetVersionsTable,
  TicketDueTimesTable,
} from './schema/targets.ts';
import type {
  AttachmentsTable,
  MessagesTable,
  TagsTable,
  TicketFieldValuesTable,
  TicketsTable,
  TicketTagsTable,
} from './schema/tickets.ts';
import type {
  AccountTokensTable,
  LoginThrottleTable,
  SessionsTable,
  UserMailboxesTable,
  UserRecoveryCodesTable,
  UsersTable,
  UserTotpTable,
} from './schema/users.ts';
import type {
  WebhookAttemptsTable,
  WebhookCursorTable,
  WebhookDeliveriesTable,
  WebhooksTable,
} from './schema/webhooks.ts';
import type {
  LiveEventsTable,
  SavedRepliesTable,
  TicketPresenceTable,
} from './schema/workspace.ts';

export type * from './schema/api-tokens.ts';
export type * from './schema/automation.ts';
export type * from './schema/composer.ts';
export type * from './schema/contacts.ts';
export type * from './schema/demand-numbers.ts';
export type * from './schema/events.ts';
export type * from './schema/import.ts';
export type * from './schema/incidents.ts';
export type * from './schema/mail.ts';
export type * from './schema/mailboxes.ts';
export type * from './schema/notifications.ts';
export type * from './schema/portal.ts';
export type * from './schema/privacy.ts';
export type * from './schema/ratings.ts';
export type * from './schema/reports.ts';
export type * from './schema/sso.ts';
export type * from './schema/system.ts';
export type * from './schema/targets.ts';
export type * from './schema/tickets.ts';
export type * from './schema/users.ts';
export type * from './schema/webhooks.ts';
export type * from './schema/workspace.ts';

export type DB = {
  schema_migrations: SchemaMigrationsTable;
  settings: SettingsTable;
  job_state: JobStateTable;
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
  mail_connection_checks: MailConnectionChecksTable;
  import_records: ImportRecordsTable;
  import_runs: ImportRunsTable;
  live_events: LiveEventsTable;
  ticket_events: TicketEventsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  event_consumers: EventConsumersTable;
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
  portal_form_nonces: PortalFormNoncesTable;
  portal_events: PortalEventsTable;
  response_targets: ResponseTargetsTable;
  response_target_versions: ResponseTargetVersionsTable;
  ticket_due_times: TicketDueTimesTable;
  ticket_demand_numbers: TicketDemandNumbersTable;
  incidents: IncidentsTable;
  incident_tickets: IncidentTicketsTable;
  // Single sign-on (issue 21 §4, migration 0052).
  sso_providers: SsoProvidersTable;
  sso_password_off_domains: SsoPasswordOffDomainsTable;
  sso_identities: SsoIdentitiesTable;
  sso_login_states: SsoLoginStatesTable;
  user_organisations: UserOrganisationsTable;
  webhooks: WebhooksTable;
  webhook_cursor: WebhookCursorTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  // issue 21 §1
  api_tokens: ApiTokensTable;
  automation_rules: AutomationRulesTable;
  automation_cursor: AutomationCursorTable;
  automation_firings: AutomationFiringsTable;
  automation_round_robin: AutomationRoundRobinTable;
  macros: MacrosTable;
  composer_uploads: ComposerUploadsTable;
  composer_drafts: ComposerDraftsTable;
};
