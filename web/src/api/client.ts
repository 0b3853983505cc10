import {
  csrfHeader,
  type ErrorDto,
  type ImportRunDto,
  type LoginRequest,
  type MailboxListDto,
  mappingHeader,
  type SecondFactorDto,
  type SessionDto,
} from '@shared/contracts.ts';
import { livePositionHeader, liveSeenHeader } from '@shared/workspace-contracts.ts';
import { navigate } from '../router.ts';
import { noteLivePosition } from './live-position.ts';

/** The users page (app-shell's `usersPath`), where an administrator sets up the second factor. */
const secondFactorSetUpPath = '/users';

/** An API call that did not succeed: the HTTP status and the server's `{error:{code,message}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Seconds from the Retry-After header, when the server sent one. */
  readonly retryAfterSeconds: number | undefined;
  /** The error object the server sent, with what some errors add (409 `stale_ticket`). */
  readonly body: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    retryAfterSeconds?: number,
    body?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.body = body;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isUnauthenticated(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

let csrfToken: string | undefined;

/** The CSRF token of the current session, sent on every non-GET request. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Headers a non-GET fetch made outside `request` (binary downloads) must carry. */
export function csrfHeaders(): Record<string, string> {
  return csrfToken === undefined ? {} : { [csrfHeader]: csrfToken };
}

let liveSeen: number | undefined;

/**
 * The newest live event this page has seen: sent with every read, so that the
 * server never answers from a list it computed before that event.
 */
export function noteLiveEvent(id: number): void {
  if (Number.isSafeInteger(id) && (liveSeen === undefined || id > liveSeen)) liveSeen = id;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Seconds to wait from a Retry-After header: `120` (seconds) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`, counted from `now`); never negative.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now) / 1000);
}

function isErrorDto(body: unknown): body is ErrorDto {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Calls the API same-origin and returns the decoded JSON body (undefined for 204). */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers[csrfHeader] = csrfToken;
  if (method === 'GET' && liveSeen !== undefined) headers[liveSeenHeader] = String(liveSeen);

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : 'Network error';
    throw new ApiError(0, 'network', message);
  }
  // The live position the answer was read at (inbox, counts, ticket): the stream resumes there.
  const position = response.headers.get(livePositionHeader);
  if (position !== null && /^\d{1,15}$/.test(position)) noteLivePosition(Number(position));

  return decode<T>(response);
}

/** Sends a file or text as it is (e.g. a CSV) and returns the decoded JSON answer. */
export async function sendBody<T>(
  path: string,
  body: Blob | string,
  contentType: string,
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': contentType,
  };
  if (csrfToken !== undefined) headers[csrfHeader] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body });
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'Network error');
  }
  return decode<T>(response);
}

/** The decoded JSON body of a response, or the ApiError it carries. */
export async function decode<T>(response: Response): Promise<T> {
  const payload = await readJson(response);
  if (!response.ok) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (isErrorDto(payload)) {
      // The security policy requires a second factor this administrator has not set up yet.
      if (payload.error.code === 'second_factor_required') navigate(secondFactorSetUpPath);
      throw new ApiError(
        response.status,
        payload.error.code,
        payload.error.message,
        retryAfter,
        payload.error,
      );
    }
    throw new ApiError(response.status, 'http_error', `HTTP ${response.status}`, retryAfter);
  }
  return payload as T;
}

export type ImportUpload = { file: File; dryRun: boolean; mapping: string };

/** Sends a Help Scout export as it is (the browser streams the file); returns the run's id. */
async function uploadImport({ file, dryRun, mapping }: ImportUpload): Promise<{ id: string }> {
  const format = file.name.toLowerCase().endsWith('.json') ? 'json' : 'jsonl';
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/octet-stream',
  };
  if (csrfToken !== undefined) headers[csrfHeader] = csrfToken;
  if (mapping.trim() !== '') headers[mappingHeader] = encodeURIComponent(mapping.trim());
  let response: Response;
  try {
    const query = `format=${format}&dryRun=${dryRun}&name=${encodeURIComponent(file.name)}`;
    response = await fetch(`/api/imports/helpscout?${query}`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: file,
    });
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'Network error');
  }
  return decode<{ id: string }>(response);
}

export const api = {
  /** The current session, or null when nobody is logged in. */
  async session(): Promise<SessionDto | null> {
    try {
      return await request<SessionDto>('GET', '/api/auth/session');
    } catch (error) {
      if (isUnauthenticated(error)) return null;
      throw error;
    }
  },
  /** The session, or the request for a second factor's code (then log in again with `code`). */
  login(credentials: LoginRequest): Promise<SessionDto | SecondFactorDto> {
    return request<SessionDto | SecondFactorDto>('POST', '/api/auth/login', credentials);
  },
  async logout(): Promise<void> {
    await request<undefined>('POST', '/api/auth/logout');
  },
  mailboxes(): Promise<MailboxListDto> {
    return request<MailboxListDto>('GET', '/api/mailboxes');
  },
  uploadImport,
  /** The ten latest import runs, newest first. */
  importRuns(): Promise<ImportRunDto[]> {
    return request<ImportRunDto[]>('GET', '/api/imports');
  },
  importRun(id: string): Promise<ImportRunDto> {
    return request<ImportRunDto>('GET', `/api/imports/${encodeURIComponent(id)}`);
  },
  /** Where the browser downloads a run's error report. */
  importErrorsUrl: (id: string): string => `/api/imports/${encodeURIComponent(id)}/errors`,
};
