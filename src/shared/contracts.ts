/**
 * HTTP contracts shared by the server and the web app (no Node or DOM imports).
 *
 * Every request body is validated with these schemas at the boundary; every
 * response is built by a presenter typed with these types.
 */
import { z } from 'zod';
import type { ActivityReport } from './reports/model/activity-report-types.ts';
import type { ReportJson } from './reports/render/report-json-types.ts';

export const roles = ['admin', 'supervisor', 'agent', 'viewer'] as const;
export const roleSchema = z.enum(roles);
export type RoleName = z.infer<typeof roleSchema>;

export const languageSchema = z.enum(['fr', 'en']);
export type Language = z.infer<typeof languageSchema>;

/** Header that carries the session's CSRF token on every mutating API call. */
export const csrfHeader = 'x-csrf-token';

export const loginRequestSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  /** The second factor (TOTP or recovery code), when the account has one. */
  code: z.string().trim().min(1).max(40).optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** POST /api/auth/login when the password is right and a second factor is needed. */
export type SecondFactorDto = { secondFactorRequired: true };

export type UserDto = {
  id: string;
  email: string;
  name: string;
  role: RoleName;
  language: Language;
};

/** GET /api/auth/session and POST /api/auth/login. */
export type SessionDto = { user: UserDto; csrfToken: string };

export type FieldSummaryDto = { key: string; label: string; valueCount: number };

export type MailboxDto = {
  id: string;
  slug: string;
  name: string;
  addresses: string[];
  fields: FieldSummaryDto[];
};

/** GET /api/mailboxes. */
export type MailboxListDto = { mailboxes: MailboxDto[] };

/** GET /healthz. */
export type HealthDto = { status: 'ok' | 'error'; database: 'ok' | 'unreachable' };

/** Every error response. `code` is one of the AppError codes. */
export type ErrorDto = { error: { code: string; message: string } };

/** GET /api/users (supervisor and admin). */
export type UserListDto = {
  users: (UserDto & {
    disabled: boolean;
    lastLoginAt: string | null;
    /** Which mailboxes the user sees: 'all' or their ids (issue 8 §5). */
    mailboxes: 'all' | string[];
    /** Whether a TOTP second factor is on. */
    secondFactor: boolean;
    /** Invited, no password chosen yet. */
    invitationPending: boolean;
  })[];
};

/**
 * Reports (GET /api/reports, /api/reports/export, /api/reports/tickets): the
 * period is "2020", "2020-Q2", "2020-03" or "2020-01-01..2020-06-30"; filters
 * repeat as query parameters (mailbox=partenaires&departement=44&value=<uuid>).
 */
export const reportQuerySchema = z.object({
  period: z.string().trim().min(4).max(40),
  mailbox: z.array(z.string().max(63)).max(20).default([]),
  departement: z.array(z.string().max(300)).max(50).default([]),
  value: z.array(z.uuid()).max(50).default([]),
  organisation: z.uuid().optional(),
  clock: z.enum(['calendar', 'business']).default('calendar'),
  /** "true": with the optional section "Respect des objectifs de réponse" (issue 18 §6). */
  targets: z.enum(['true', 'false']).default('false'),
});

export const reportExportQuerySchema = reportQuerySchema.extend({
  format: z.enum(['pdf', 'pptx', 'xlsx', 'csv', 'json']),
  separator: z.enum([';', ',']).default(';'),
  /** "true": the published snapshot of the year instead of a fresh computation. */
  published: z.enum(['true', 'false']).default('false'),
});

/** Drill-down: the tickets behind a bar or a row. `field` + `missing=true` means "Non renseigné". */
export const reportTicketsQuerySchema = reportQuerySchema.extend({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  field: z.uuid().optional(),
  missing: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** How many tickets to skip (the pages after the first). */
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export type ReportTicketDto = {
  number: number;
  subject: string;
  /** The mailbox's slug (filters) and its name (shown). */
  mailbox: string;
  mailboxName: string;
  status: string;
  createdAt: string;
  firstResponseSeconds: number | null;
};

/** GET /api/reports/tickets. */
export type ReportTicketListDto = { total: number; tickets: ReportTicketDto[] };

export const reportTextUpdateSchema = z.object({ body: z.string().max(20_000) });

/** GET /api/reports/texts?year=. Stored texts and the defaults they replace, by section id. */
export type ReportTextsDto = {
  year: number;
  texts: Record<string, string>;
  defaults: Record<string, string>;
};

/** A published report and how a fresh computation differs from it. */
export type PublicationDto = {
  year: number;
  publishedAt: string;
  publishedBy: string | null;
  /** Figures that changed since publication: path in the JSON export, published value, value now. */
  differences: { path: string; published: number; now: number }[];
};

/** GET /api/reports/filters: what the filter pickers offer. */
export type ReportFiltersDto = {
  mailboxes: {
    slug: string;
    name: string;
    fields: { id: string; key: string; label: string; values: { id: string; label: string }[] }[];
  }[];
  organisations: { id: string; name: string }[];
  /** The years (Paris time) that have tickets in the mailboxes the caller sees, newest first. */
  years: number[];
};

/** Where a table row or a chart bar leads: the tickets behind it (GET /api/reports/tickets). */
export type DrillTarget = {
  mailbox: string;
  field?: string;
  value?: string;
  missing?: boolean;
  month?: string;
};

/** GET /api/reports: the document (sections, tables, charts), its numbers, and drill-down targets. */
export type ReportDto = {
  period: { kind: string; from: string; to: string; label: string };
  previousPeriod: { kind: string; from: string; to: string; label: string };
  clock: 'calendar' | 'business';
  report: ActivityReport;
  numbers: ReportJson;
  /** table id → row label (first cell) → drill target. */
  drill: Record<string, Record<string, DrillTarget>>;
  /** The publication of this year, when the period is a published year. */
  publication: PublicationDto | null;
  canEdit: boolean;
};

/** Query of POST /api/imports/helpscout (body: the export file, application/octet-stream). */
export const importUploadQuerySchema = z.object({
  format: z.enum(['jsonl', 'json']),
  dryRun: z.enum(['true', 'false']).default('false'),
  /** The uploaded file's name, shown in the error report (control characters and paths dropped). */
  name: z
    .string()
    .max(255)
    .transform((name) =>
      [...name]
        .filter((c) => (c.codePointAt(0) ?? 0) >= 32 && c !== '\u007f' && c !== '/' && c !== '\\')
        .join('')
        .trim(),
    )
    .optional(),
});

/** Header of POST /api/imports/helpscout carrying the mapping file, URI-encoded JSON (optional). */
export const mappingHeader = 'x-guichet-mapping';

/** GET /api/imports/:id (supervisor and admin). */
export type ImportRunDto = {
  id: string;
  dryRun: boolean;
  /** `interrupted`: its process stopped (a crash, a restart); send the export again to resume. */
  state: 'running' | 'finished' | 'failed' | 'interrupted';
  startedAt: string;
  finishedAt: string | null;
  progress: { bytes: number; totalBytes: number; records: number };
  /** The run's summary once finished (the same as `guichet import … --json`). */
  result: {
    records: { read: number; created: number; updated: number; unchanged: number; failed: number };
    errors: number;
    warnings: number;
    mapping: {
      mailboxes: Record<string, string>;
      fields: Record<string, string>;
      unmappedFields: Record<string, number>;
      newValues: { field: string; label: string }[];
    };
  } | null;
  error: string | null;
  /** Whether GET /api/imports/:id/errors has a report to download. */
  errorReport: boolean;
};

// ---------------------------------------------------------------------------
// Users and access, audit log (issue 8 §4–§5). Bodies are strict: a field the
// caller may not set (password_hash, disabled_at, …) is refused, never ignored.

/** Every mailbox, or a list of mailbox ids. */
export const mailboxChoiceSchema = z.union([z.literal('all'), z.array(z.uuid()).max(500)]);

export const inviteUserSchema = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: roleSchema,
  language: languageSchema.default('fr'),
  mailboxes: mailboxChoiceSchema.default('all'),
});
export type InviteUserRequest = z.input<typeof inviteUserSchema>;

export const updateUserSchema = z
  .strictObject({
    role: roleSchema.optional(),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .refine((v) => v.role !== undefined || v.name !== undefined, 'Nothing to change.');

export const mailboxScopeRequestSchema = z.strictObject({ mailboxes: mailboxChoiceSchema });

export const setPasswordWithTokenSchema = z.strictObject({
  token: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});

export const passwordResetRequestSchema = z.strictObject({
  email: z.string().trim().min(1).max(320),
});

export const secondFactorCodeSchema = z.strictObject({
  code: z.string().trim().min(1).max(40),
});

/** GET /api/account/links/:purpose — who a link is for, before it is used. */
export type AccountLinkDto = { email: string; name: string };

/** POST /api/account/second-factor — enrolment: the secret and its otpauth URI. */
export type SecondFactorEnrolmentDto = { secret: string; otpauthUri: string };

/** POST /api/account/second-factor/confirm — the recovery codes, shown once. */
export type RecoveryCodesDto = { recoveryCodes: string[] };

/** GET /api/account/second-factor. */
export type SecondFactorStatusDto = { enabled: boolean; offered: boolean };

export const auditQuerySchema = z.strictObject({
  actor: z.string().trim().min(1).max(320).optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z_.]{1,100}$/, 'an action prefix such as user. or auth.login')
    .optional(),
  targetType: z.string().trim().min(1).max(50).optional(),
  targetId: z.string().trim().min(1).max(200).optional(),
  /** An exact target id, or part of the e-mail or name of the user an event is about. */
  target: z.string().trim().min(1).max(320).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  q: z.string().trim().min(1).max(200).optional(),
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type AuditEventDto = {
  id: number;
  at: string;
  action: string;
  actor: { id: string | null; email: string | null; name: string | null; label: string | null };
  targetType: string | null;
  targetId: string | null;
  /** The e-mail of the user an event is about (target type `user`), else null. */
  targetEmail: string | null;
  /**
   * The target as people name it: a ticket's number ("#27474"), a user's
   * e-mail, a mailbox's or an organisation's name; null when unknown.
   */
  targetLabel: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

/** GET /api/audit: newest first; `nextBefore` asks for the next page. */
export type AuditPageDto = { events: AuditEventDto[]; nextBefore: number | null };
