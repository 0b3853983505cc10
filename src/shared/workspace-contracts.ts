/**
 * Contracts of the agent workspace (issue 6): inbox, ticket view, changes,
 * saved replies, live events. Shared by server and web app (no Node or DOM imports).
 */

import { z } from 'zod';
import type { ConnectionFailure } from './setup-contracts.ts';

export const folders = [
  'unassigned',
  'mine',
  'assigned',
  /** Active tickets due within the hour or late (issue 18), soonest first. */
  'due_soon',
  'pending',
  'closed',
  'spam',
  'all',
] as const;
export type Folder = (typeof folders)[number];
/** `due`: by due time under the response targets, soonest first (issue 18). */
export const sorts = ['recent', 'oldest', 'created', 'due'] as const;
export type InboxSort = (typeof sorts)[number];
export const ticketStatuses = ['active', 'pending', 'closed', 'spam'] as const;
export type TicketStatusName = (typeof ticketStatuses)[number];

const uuid = z.uuid();
const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => {
    const date = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s);
  }, 'not a date');
/** A query parameter given once or repeated. */
const many = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).max(20)]).transform((v) => (Array.isArray(v) ? v : [v]));

/** GET /api/inbox query: folder, filters, search, sort, keyset cursor. */
export const inboxQuerySchema = z
  .object({
    folder: z.enum(folders).default('unassigned'),
    mailbox: many(uuid).optional(),
    status: many(z.enum(ticketStatuses)).optional(),
    /** A user id, or `none` for unassigned. */
    assignee: z.union([uuid, z.literal('none')]).optional(),
    /** `fieldId:valueId`, or `fieldId:none` for "Non renseigné". */
    field: many(
      z.string().regex(/^[0-9a-f-]{36}:([0-9a-f-]{36}|none)$/, 'expected fieldId:valueId'),
    ).optional(),
    tag: uuid.optional(),
    organisation: uuid.optional(),
    from: dateOnly.optional(),
    to: dateOnly.optional(),
    q: z.string().trim().max(200).optional(),
    sort: z.enum(sorts).default('recent'),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export type TicketSummaryDto = {
  id: number;
  number: number;
  mailboxId: string;
  subject: string;
  status: TicketStatusName;
  contact: { name: string | null; email: string | null } | null;
  organisationName: string | null;
  assignee: { id: string; name: string } | null;
  tags: string[];
  createdAt: string;
  lastMessageAt: string;
  preview: string;
  /** Its due time under a response target (issue 18), null when none. */
  due: { at: string; kind: 'first_response' | 'next_response' | 'resolution' } | null;
  /** Snoozed until then (issue 18 §2), null when not. */
  snoozedUntil: string | null;
  /** Its follow-up without the customer's answer (issue 18 §2), null when none. */
  followUp: { at: string; action: 'remind' | 'close' } | null;
};

export type InboxPageDto = { tickets: TicketSummaryDto[]; nextCursor: string | null };

/** GET /api/inbox/counts: open folders only (closed and spam are not counted). */
export type FolderCountsDto = {
  unassigned: number;
  mine: number;
  assigned: number;
  pending: number;
};

export type AttachmentDto = {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  isImage: boolean;
};

export type ThreadItemDto = {
  id: number;
  kind: 'customer' | 'reply' | 'note' | 'phone' | 'event';
  createdAt: string;
  author: string | null;
  fromAddress: string | null;
  subject: string | null;
  /** Plain text, NIR and IBAN masked. */
  bodyText: string | null;
  /** Sanitised HTML (masked), to render in a sandboxed frame. */
  bodyHtml: string | null;
  masked: string[];
  callDirection: 'inbound' | 'outbound' | null;
  callDurationSeconds: number | null;
  eventType: string | null;
  eventData: unknown;
  attachments: AttachmentDto[];
  rating: { level: 'great' | 'okay' | 'not_good'; comment: string | null } | null;
  /** What intake noticed about an inbound mail (issue 16 §11). */
  flags: MessageFlagsDto;
};

/**
 * An inbound mail's flags (issue 16 §11): `stranger` a sender who takes no part in
 * the ticket, threaded in by its headers (split it into a new ticket); `replyTo` a
 * Reply-To address other than the sender's (metadata only, never the sender);
 * `automatic` why the mail was recognised as automatic (e.g. `auto-submitted`);
 * `winmailDat` an Outlook winmail.dat (TNEF) attachment.
 */
export type MessageFlagsDto = {
  stranger: boolean;
  replyTo: string | null;
  automatic: string | null;
  winmailDat: boolean;
};

export type FieldPanelDto = {
  id: string;
  key: string;
  label: string;
  requiredToClose: boolean;
  values: { id: string; label: string }[];
  value: { id: string; label: string; autoFilled: boolean } | null;
};

export type TicketViewDto = {
  ticket: TicketSummaryDto & {
    mailboxName: string;
    mergedIntoId: number | null;
    /** The number of the ticket this one was merged into (its address, /tickets/:number). */
    mergedIntoNumber: number | null;
    linkedTicketId: number | null;
    closedAt: string | null;
  };
  contact: {
    id: string;
    name: string | null;
    email: string | null;
    phone: string | null;
  } | null;
  organisation: { id: string; name: string } | null;
  previousTickets: {
    id: number;
    number: number;
    subject: string;
    status: TicketStatusName;
    createdAt: string;
  }[];
  thread: ThreadItemDto[];
  fields: FieldPanelDto[];
  agents: { id: string; name: string }[];
  lastEventId: number;
  /** The ticket's version (issue 16 §7): sent back with a change, refused (409) when stale. */
  version: number;
  /** The live position (issue 16 §16) this view was read at: the stream resumes from it. */
  livePosition: number;
  /** The signed-in agent's signature, added under replies by the composer. */
  signature: string | null;
};

/** A ticket's version (the id of its newest event), as sent back with a change. */
export const ticketVersion = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * One change a refused change missed (409 `stale_ticket`, issue 16 §7): a ticket
 * event's type (`ticket.status_changed`, …), when, who (an agent's name, else null
 * and the kind of actor: contact, system, rule, import) and its data.
 */
export type StaleChangeDto = {
  type: string;
  at: string;
  by: string | null;
  byKind: string;
  data: unknown;
};
/** The body of a 409 `stale_ticket`. */
export type StaleTicketErrorDto = {
  error: { code: 'stale_ticket'; message: string; version: number; changes: StaleChangeDto[] };
};

/** PATCH /api/tickets/:id: what an agent may change. */
export const ticketChangeSchema = z
  .object({
    status: z.enum(ticketStatuses).optional(),
    assigneeId: uuid.nullable().optional(),
    tags: z.array(z.string().trim().min(1).max(100)).max(30).optional(),
    /** The ticket's version the agent saw (issue 16 §7); a stale change is refused (409). */
    version: ticketVersion.optional(),
  })
  .strict();
export type TicketChange = z.infer<typeof ticketChangeSchema>;

/** PUT /api/tickets/:id/fields: field id → value id (null clears). */
export const classifySchema = z
  .object({ values: z.record(uuid, uuid.nullable()), version: ticketVersion.optional() })
  .strict()
  .refine((v) => Object.keys(v.values).length <= 20, 'too many fields');
export type ClassifyInput = z.infer<typeof classifySchema>;

/** POST /api/tickets/bulk */
export const bulkSchema = z
  .object({
    ticketIds: z.array(z.number().int().positive()).min(1).max(200),
    action: z.discriminatedUnion('type', [
      z.object({ type: z.literal('assign'), assigneeId: uuid.nullable() }).strict(),
      z.object({ type: z.literal('status'), status: z.enum(ticketStatuses) }).strict(),
      z.object({ type: z.literal('tag'), tag: z.string().trim().min(1).max(100) }).strict(),
      z.object({ type: z.literal('classify'), fieldId: uuid, valueId: uuid.nullable() }).strict(),
      z.object({ type: z.literal('merge'), intoTicketId: z.number().int().positive() }).strict(),
    ]),
  })
  .strict();
export type BulkInput = z.infer<typeof bulkSchema>;
export type BulkResultDto = {
  updated: number[];
  refused: { ticketId: number; reason: string }[];
};

/** POST /api/tickets/:id/merge {into}: this ticket is merged into `into`. */
export const mergeSchema = z.object({ intoTicketId: z.number().int().positive() }).strict();
/** POST /api/messages/:id/split: the message becomes a new ticket. */
export const splitSchema = z.object({}).strict();

/** POST /api/tickets/:id/presence */
export const presenceSchema = z.object({ typing: z.boolean() }).strict();
export type PresenceDto = { others: { userId: string; name: string; typing: boolean }[] };

/** PATCH /api/fields/:id (supervisor): required before closing. */
export const fieldRequirementSchema = z.object({ requiredToClose: z.boolean() }).strict();

export const savedReplyInputSchema = z
  .object({
    mailboxId: uuid.nullable(),
    name: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(20000),
  })
  .strict();
export type SavedReplyInput = z.infer<typeof savedReplyInputSchema>;
export type SavedReplyDto = { id: string; mailboxId: string | null; name: string; body: string };

/** One line of the live stream (`data:` of an SSE message). */
/** Sent by the web app: the newest live event id it has seen (the server's cached lists are never older). */
export const liveSeenHeader = 'x-guichet-live';
/**
 * Sent by the server with the inbox, the counts and the ticket view (issue 16 §16): the
 * live position the answer was read at. The stream opened (or reopened) with
 * `/api/live?after=<it>` brings every change the answer may not show.
 */
export const livePositionHeader = 'x-guichet-live-position';

export type LiveEventDto = {
  id: number;
  /** `notification`: the user has a new notification (issue 18 §4), sent to that user only. */
  kind: 'ticket' | 'message' | 'presence' | 'notification';
  mailboxId: string;
  ticketId: number | null;
};

/** Variables a saved reply may use; the composer fills them. */
export const savedReplyVariables = [
  'contact.firstName',
  'contact.name',
  'ticket.number',
  'agent.name',
  'mailbox.name',
] as const;

/** Replaces {{variable}} by its value; unknown variables are left as written. */
export function fillVariables(body: string, values: Record<string, string>): string {
  return body.replace(/\{\{\s*([a-zA-Z.]+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? '') : whole,
  );
}

/** GET /api/inbox/filter-options */
export type FilterOptionsDto = {
  agents: { id: string; name: string }[];
  tags: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
  fields: {
    id: string;
    label: string;
    mailboxId: string;
    values: { id: string; label: string }[];
  }[];
};

/**
 * Why our relay did not take a mail, as agents see it (issue 16 §2): the connection's
 * failure (as the mail settings' test names it) or `rejected` (the server answered
 * with a refusal). The server's own words are shown to administrators only.
 */
export type DeliveryFailureCategory = ConnectionFailure | 'rejected';
