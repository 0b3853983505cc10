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
