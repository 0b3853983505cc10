/**
 * HTTP contracts shared by the server and the web app (no Node or DOM imports).
 *
 * Every request body is validated with these schemas at the boundary; every
 * response is built by a presenter typed with these types.
 */
import { z } from 'zod';
import type { ActivityReport } from '../reports/model/activity-report-types.ts';
import type { ReportJson } from '../reports/render/render-json.ts';

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
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

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
  users: (UserDto & { disabled: boolean; lastLoginAt: string | null })[];
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
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

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
});

export type ReportTicketDto = {
  number: number;
  subject: string;
  mailbox: string;
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
  state: 'running' | 'finished' | 'failed';
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
