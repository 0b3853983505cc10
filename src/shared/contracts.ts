/**
 * HTTP contracts shared by the server and the web app (no Node or DOM imports).
 *
 * Every request body is validated with these schemas at the boundary; every
 * response is built by a presenter typed with these types.
 */
import { z } from 'zod';

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
