/**
 * One error type for every failure Guichet reports on purpose.
 *
 * Each code is documented once here and mapped once to an HTTP status (for the
 * API) and to a process exit code (for the CLI). Anything that is not an
 * AppError is a bug: the HTTP layer answers 500 without details and logs it.
 */

export const errorCodes = {
  /** Input failed validation (HTTP body, CLI argument, imported file). */
  invalid_input: { status: 400, exit: 2 },
  /** No valid session, or wrong credentials. */
  unauthenticated: { status: 401, exit: 3 },
  /** Authenticated, but the role may not do this, or the CSRF check failed. */
  forbidden: { status: 403, exit: 3 },
  /** An administrator must set up the second factor before anything else (security policy). */
  second_factor_required: { status: 403, exit: 3 },
  /** Missing, or not visible to the caller (never say which). */
  not_found: { status: 404, exit: 4 },
  /** Unique key taken or state conflict (e.g. user e-mail already exists). */
  conflict: { status: 409, exit: 5 },
  /**
   * The ticket changed since the caller saw it (issue 16 §7): the answer's `version` and
   * `changes` say what changed (details.public); the caller reloads and applies again.
   */
  stale_ticket: { status: 409, exit: 5 },
  /** Too many attempts; retry after `retryAfterSeconds`. */
  rate_limited: { status: 429, exit: 6 },
  /** Settings are missing or wrong (environment, DATA_DIR, DATABASE_URL). */
  configuration: { status: 500, exit: 78 },
  /** A required service (database) cannot be reached. */
  unavailable: { status: 503, exit: 69 },
} as const satisfies Record<string, { status: number; exit: number }>;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorCodes[this.code].status;
  }

  get exitCode(): number {
    return errorCodes[this.code].exit;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
