/**
 * The composer's contracts (issue 19 §1–§2), shared by server and web app:
 * attachment limits, drafts, the composer's variables, forwarding, new
 * conversations and moving a ticket to another mailbox.
 */
import { z } from 'zod';
import { ticketVersion } from './workspace-contracts.ts';

/**
 * What an agent may attach to one message: PDF, JPEG, PNG or DOCX recognised
 * by their bytes (the help centre's checker), 10 MB each, 10 files and 20 MB
 * together. The composer states them; the server enforces them.
 */
export const composerLimits = {
  maxFiles: 10,
  maxBytes: 10 * 1024 * 1024,
  maxTotalBytes: 20 * 1024 * 1024,
  accepted: [
    'application/pdf',
    'image/jpeg',
    'image/png',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
} as const;

/** Seconds a reply waits in the outbox, during which "Annuler l'envoi" withdraws it. */
export const undoSendSeconds = 10;

/** The largest editor HTML accepted (sanitised on the server). */
const html = z.string().max(200_000);
const address = z.string().trim().max(320);
const uploadIds = z.array(z.uuid()).max(composerLimits.maxFiles);

/** What a reply carries beyond its text (added to POST /api/tickets/:id/replies). */
export const replyComposerFields = {
  /** The editor's HTML; the server sanitises it and derives the plain text from it. */
  bodyHtml: html.optional(),
  bcc: z.array(address).max(20).optional(),
  attachmentIds: uploadIds.optional(),
  /** Hold the reply `undoSendSeconds` in the outbox, so that it can be withdrawn. */
  undo: z.boolean().optional(),
};

/** An uploaded file, as the composer lists it. */
export type ComposerUploadDto = {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  pasted: boolean;
};

/** POST /api/tickets/:id/uploads query: the file's name, and whether it was pasted (the body is the file). */
export const uploadQuerySchema = z.object({
  name: z.string().max(500).default(''),
  pasted: z.enum(['0', '1']).default('0'),
});

/** GET /api/composer/addresses query: the addresses known to start with `q`. */
export const composerAddressQuerySchema = z.object({ q: z.string().max(200).default('') });

/** PUT /api/tickets/:id/draft: what the agent is writing, saved while typing. */
export const draftSchema = z
  .object({
    mode: z.enum(['reply', 'note']),
    bodyHtml: html,
    cc: z.array(address).max(20),
    bcc: z.array(address).max(20),
    attachmentIds: uploadIds,
  })
  .strict();
export type DraftInput = z.infer<typeof draftSchema>;

/**
 * The composer's variables in a saved reply, filled from the ticket when it is
 * inserted (documented in docs/composer.md):
 *
 *   {{prenom}}         the contact's first name (empty when unknown)
 *   {{numero_ticket}}  the ticket's number
 *   {{numero_unique}}  the housing demand's numéro unique given on the help
 *                      centre's form (empty when the ticket has none)
 *   {{signature}}      the agent's signature
 */
export const composerVariables = ['prenom', 'numero_ticket', 'numero_unique', 'signature'] as const;
export type ComposerVariable = (typeof composerVariables)[number];

/** GET /api/tickets/:id/composer: the agent's draft, its files and the variables' values. */
export type ComposerStateDto = {
  draft: (Omit<DraftInput, 'attachmentIds'> & { updatedAt: string }) | null;
  uploads: ComposerUploadDto[];
  variables: Record<ComposerVariable, string>;
  /** Colleagues an internal note may name with `@` (agents of the ticket's mailbox). */
  colleagues: { id: string; name: string }[];
};

/** Replaces `{{name}}` (letters, digits, `_` and `.`) by its value; unknown ones stay as written. */
export function fillComposerVariables(body: string, values: Record<string, string>): string {
  return body.replace(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? '') : whole,
  );
}

/** POST /api/tickets/:id/replies/:messageId/withdraw answers with the text to put back. */
export type WithdrawnReplyDto = { messageId: number; restored: true };

/** GET /api/composer/addresses?q=: address suggestions for To, CC and BCC. */
export type AddressSuggestionDto = {
  email: string;
  name: string | null;
  organisation: string | null;
};

/** POST /api/tickets/:id/forward: the ticket, or one of its messages, to a third party. */
export const forwardRequestSchema = z
  .object({
    to: z.array(address).min(1).max(5),
    /** One message of the ticket; none: the whole conversation. */
    messageId: z.number().int().positive().optional(),
    bodyHtml: html,
    attachmentIds: uploadIds.optional(),
  })
  .strict();

/** POST /api/conversations: an agent writes first (a ticket opened by us). */
export const conversationRequestSchema = z
  .object({
    mailboxId: z.uuid(),
    to: address.min(3),
    /** Set when the agent chose an organisation: the contact joins it when it has none. */
    organisationId: z.uuid().optional(),
    subject: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .refine((s) => !/[\r\n\0]/.test(s), 'one line'),
    bodyHtml: html,
    cc: z.array(address).max(20).optional(),
    bcc: z.array(address).max(20).optional(),
    attachmentIds: uploadIds.optional(),
    status: z.enum(['active', 'pending', 'closed']).optional(),
  })
  .strict();
export type ConversationRequest = z.infer<typeof conversationRequestSchema>;

/** POST /api/tickets/:id/mailbox: move the ticket to another mailbox. */
export const moveMailboxSchema = z
  .object({ mailboxId: z.uuid(), version: ticketVersion.optional() })
  .strict();

/** The ticket a new conversation opened. */
export type ConversationDto = { ticketId: number; number: number; messageId: number };
