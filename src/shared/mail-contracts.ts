/**
 * Contracts of the e-mail channel's API, shared by server and web app
 * (no Node or DOM imports).
 */
import { z } from 'zod';
import { replyComposerFields } from './composer-contracts.ts';
import { ticketVersion } from './workspace-contracts.ts';

const oneLine = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\r\n\0]/.test(s), 'must be one line');
const host = oneLine(253).trim().min(1);
const port = z.number().int().min(1).max(65535);

/** PUT /api/mailboxes/:id/mail-settings. A password left out is kept; null removes it. */
export const mailSettingsInputSchema = z
  .object({
    imapEnabled: z.boolean(),
    imapHost: host.nullable(),
    imapPort: port.nullable(),
    imapTls: z.boolean(),
    imapUser: oneLine(320).nullable(),
    imapPassword: oneLine(1000).nullable(),
    imapFolder: oneLine(200).min(1),
    smtpHost: host.nullable(),
    smtpPort: port.nullable(),
    smtpTls: z.boolean(),
    smtpUser: oneLine(320).nullable(),
    smtpPassword: oneLine(1000).nullable(),
    signature: z.string().max(5000).nullable(),
    ackEnabled: z.boolean(),
    ackSubject: oneLine(300).nullable(),
    ackBody: z.string().max(20000).nullable(),
    reopenDays: z.number().int().min(0).max(3650),
  })
  .partial()
  .strict();
export type MailSettingsInput = z.infer<typeof mailSettingsInputSchema>;

/** Mail settings as the API shows them: passwords never leave the server. */
export type MailSettingsDto = {
  mailboxId: string;
  imapEnabled: boolean;
  imapHost: string | null;
  imapPort: number | null;
  imapTls: boolean;
  imapUser: string | null;
  hasImapPassword: boolean;
  imapFolder: string;
  smtpHost: string | null;
  smtpPort: number | null;
  smtpTls: boolean;
  smtpUser: string | null;
  hasSmtpPassword: boolean;
  signature: string | null;
  ackEnabled: boolean;
  ackSubject: string | null;
  ackBody: string | null;
  reopenDays: number;
};

const body = z.string().trim().min(1).max(100_000);

/**
 * POST /api/tickets/:id/replies: plain text (`body`), or the composer's HTML
 * (`bodyHtml`, issue 19 §1) from which the server derives the text.
 */
export const replyRequestSchema = z
  .object({
    body: body.optional(),
    cc: z.array(z.string().max(320)).max(20).optional(),
    status: z.enum(['active', 'pending', 'closed']).optional(),
    /** The ticket's version the agent saw: the status is refused (409) if it changed since. */
    version: ticketVersion.optional(),
    ...replyComposerFields,
  })
  .strict()
  .refine((r) => r.body !== undefined || r.bodyHtml !== undefined, 'body or bodyHtml is required');

/** POST /api/tickets/:id/notes */
export const noteRequestSchema = z
  .object({
    body,
    /** Colleagues named with `@` (issue 18 §4): users who see the ticket's mailbox. */
    mentions: z.array(z.uuid()).max(50).optional(),
  })
  .strict();

const call = {
  direction: z.enum(['inbound', 'outbound']),
  durationSeconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600),
  summary: z.string().trim().max(20_000),
  at: z.iso.datetime({ offset: true }).optional(),
};

/** POST /api/tickets/:id/calls */
export const callRequestSchema = z.object(call).strict();

/** POST /api/calls: a ticket opened from a call. */
export const callTicketRequestSchema = z
  .object({
    ...call,
    mailboxId: z.uuid(),
    subject: oneLine(300).trim().min(1),
    contact: z
      .object({
        email: z.email().max(320).optional(),
        name: oneLine(200).optional(),
        phone: oneLine(40).optional(),
      })
      .strict(),
  })
  .strict();

export type DeadLetterDto = {
  id: number;
  mailboxId: string | null;
  source: string;
  reason: string;
  attempts: number;
  receivedAt: string;
};
