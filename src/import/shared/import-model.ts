/**
 * What every import reader produces, whatever the origin (Help Scout, CSV): a
 * ticket draft that still names its mailbox, fields and values as the origin
 * did. `resolve-mapping.ts` turns names into Guichet ids; `write-batch.ts`
 * writes resolved tickets.
 */
import type { MessageKind, RatingLevel, TicketStatus } from '../../db/schema.ts';

export type RatingDraft = { level: RatingLevel; comment: string | null; ratedAt: Date };

export type MessageDraft = {
  /** The origin's id of the thread, unique within the ticket. */
  sourceId: string;
  kind: MessageKind;
  /** For kind `event`: what happened, e.g. `helpscout.lineitem`. */
  eventType: string | null;
  eventData: Record<string, unknown> | null;
  /** An agent's e-mail (matched to a Guichet user), when an agent wrote it. */
  authorUserEmail: string | null;
  /** Whether the ticket's customer wrote it (linked to the contact). */
  byCustomer: boolean;
  fromAddress: string | null;
  toAddresses: string[];
  ccAddresses: string[];
  /** Raw HTML as exported; sanitised on display. */
  bodyHtml: string | null;
  bodyText: string | null;
  createdAt: Date;
  flags: Record<string, unknown>;
  rating: RatingDraft | null;
};

export type TicketDraft = {
  /** Origin system, e.g. `helpscout` or `csv`: with `sourceId`, the idempotency key. */
  source: string;
  sourceId: string;
  /** The number people quote in the origin, kept when free. */
  number: number | null;
  /** The origin's mailbox: its id and/or name, mapped to a Guichet mailbox. */
  mailbox: { id: string | null; name: string | null };
  subject: string;
  status: TicketStatus;
  deletedAt: Date | null;
  createdAt: Date;
  closedAt: Date | null;
  lastMessageAt: Date;
  customer: { email: string | null; name: string | null } | null;
  assigneeEmail: string | null;
  tags: string[];
  /** Custom fields as the origin names them, with the option's text. */
  fields: { name: string; text: string }[];
  messages: MessageDraft[];
  /** What Guichet has no column for, kept in `import_records.extra`. */
  extra: Record<string, unknown>;
};

export type FieldValueRef = { fieldId: string; valueId: string };

export type ResolvedTicket = TicketDraft & {
  mailboxId: string;
  fieldValues: FieldValueRef[];
};

/** Where a record was read, for reports. */
export type RecordLocation = { file: string; line: number };
