/**
 * Contracts of the personal-data administration (issue 8 §1–§3), shared by
 * the server and the web app. Admin only.
 */
import { z } from 'zod';

export const retentionPolicyUpdateSchema = z.object({
  /** null removes the policy (kept until erased on request). */
  months: z.number().int().min(1).max(1200).nullable(),
});

export type RetentionPolicyDto = {
  mailboxId: string;
  mailboxSlug: string;
  mailboxName: string;
  months: number | null;
  updatedAt: string | null;
};

export type RetentionRunDto = {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  dryRun: boolean;
  trigger: 'schedule' | 'cli' | 'api';
  tickets: number;
  attachments: number;
  blobsRemoved: number;
  error: string | null;
};

export type RetentionDto = { policies: RetentionPolicyDto[]; runs: RetentionRunDto[] };

export type RetentionPreviewDto = {
  tickets: number;
  byMailbox: { mailboxId: string; tickets: number }[];
};

export const personSearchSchema = z.object({ query: z.string().max(1000) });

export const personRequestSchema = z.object({
  query: z.string().max(1000),
  /** Who asked: "the person, letter of 3 March", "DPO ticket 12". */
  requestedBy: z.string().max(1000),
});

export const personErasureSchema = personRequestSchema.extend({
  /** Must be true: erasure cannot be undone. */
  confirm: z.literal(true),
});

export type FoundTicketDto = {
  id: number;
  number: number;
  mailboxSlug: string;
  subject: string;
  status: string;
  createdAt: string;
  closedAt: string | null;
  anonymisedAt: string | null;
  reasons: string[];
};

export type PersonFindingsDto = {
  contacts: { id: string; email: string | null; name: string | null; phone: string | null }[];
  tickets: FoundTicketDto[];
  truncated: boolean;
  elsewhere: { auditEvents: number; outbox: number; loginThrottle: number };
};

export type ErasureDto = {
  requestId: string;
  tickets: number;
  contacts: number;
  attachments: number;
  rawMails: number;
  deadLetters: number;
  blobsRemoved: number;
  scrubbedRows: number;
  remaining: { table: string; column: string; rows: number }[];
};

export type PrivacyRequestDto = {
  id: string;
  kind: 'find' | 'export' | 'erase';
  requestedBy: string;
  performedBy: string | null;
  performedAt: string;
  summary: Record<string, unknown>;
};

export type FlaggedAttachmentDto = {
  id: string;
  ticketNumber: number;
  mailboxSlug: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
  kind: 'identity' | 'tax' | 'bank' | 'payslip';
};
