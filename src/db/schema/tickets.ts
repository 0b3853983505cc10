/**
 * Kysely table types of tickets and their messages, classification values, tags and
 * attachments (../migrations/0001_initial.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DefaultTimestamp, Json, TextArray, Timestamp } from './columns.ts';

export type TicketStatus = 'active' | 'pending' | 'closed' | 'spam';

export type TicketChannel = 'email' | 'form' | 'phone' | 'import' | 'api' | 'outbound';

export type MessageKind = 'customer' | 'reply' | 'note' | 'phone' | 'event';

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
  /** Its words for search, kept by triggers (0012); never selected for display. */
  search_document: Generated<string | null>;
  /** The id of its newest ticket event (0024): a change carries the version it saw. */
  version: Generated<number>;
  /** Its due time under a response target (0033), kept by domain/tickets/ticket-due-times.ts. */
  due_at: Generated<Date | null>;
  due_kind: Generated<'first_response' | 'next_response' | 'resolution' | null>;
  /** due_at, or far in the future when none (generated): the inbox's order by due time. */
  due_sort: ColumnType<Date, never, never>;
  /** Snoozed until then (0036): pending, active again by itself (domain/tickets/ticket-waits.ts). */
  snoozed_until: Generated<Date | null>;
  /** A follow-up when the customer has not answered by then (0036): remind or close. */
  follow_up_at: Generated<Date | null>;
  follow_up_action: Generated<'remind' | 'close' | null>;
  follow_up_reply_id: Generated<string | null>;
  follow_up_by: Generated<string | null>;
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
  /** Blind copies of a reply (0056): the envelope only, never a header. */
  bcc_addresses: TextArray;
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

export type TicketRow = Selectable<TicketsTable>;
