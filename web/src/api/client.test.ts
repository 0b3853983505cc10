import { describe, expect, it } from 'vitest';
import {
  ApiError,
  csrfHeaders,
  decode,
  isApiError,
  isUnauthenticated,
  parseRetryAfter,
  setCsrfToken,
} from './client.ts';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const rejection = async (promise: Promise<unknown>): Promise<ApiError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('the promise was fulfilled');
};

describe('a successful answer', () => {
  it('is the decoded JSON body', async () => {
    await expect(decode(json(200, { ok: true, n: 2 }))).resolves.toEqual({ ok: true, n: 2 });
  });

  it('is undefined when empty (204) or not JSON', async () => {
    await expect(decode(new Response(null, { status: 204 }))).resolves.toBeUndefined();
    await expect(decode(new Response('<html>', { status: 200 }))).resolves.toBeUndefined();
  });
});

describe('a failed answer', () => {
  it("carries the server's code and message", async () => {
    const error = await rejection(
      decode(json(409, { error: { code: 'conflict', message: 'Déjà pris.' } })),
    );
    expect(error).toMatchObject({ status: 409, code: 'conflict', message: 'Déjà pris.' });
    expect(error.name).toBe('ApiError');
    expect(error.retryAfterSeconds).toBeUndefined();
  });

  it('without an error body says its HTTP status', async () => {
    for (const response of [
      new Response('Bad gateway', { status: 502 }),
      json(500, { error: 'flat string' }),
      json(500, { error: { code: 1, message: 'x' } }),
    ]) {
      const error = await rejection(decode(response));
      expect(error.code).toBe('http_error');
      expect(error.message).toBe(`HTTP ${response.status}`);
    }
  });

  it('keeps the Retry-After delay of a 429', async () => {
    const error = await rejection(
      decode(
        json(429, { error: { code: 'rate_limited', message: 'Trop.' } }, { 'retry-after': '30' }),
      ),
    );
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(30);
  });

  it('tells a lost session (401) from other errors', async () => {
    const lost = await rejection(
      decode(json(401, { error: { code: 'unauthenticated', message: '' } })),
    );
    expect(isUnauthenticated(lost)).toBe(true);
    expect(isApiError(lost)).toBe(true);
    expect(isUnauthenticated(new ApiError(403, 'forbidden', ''))).toBe(false);
    expect(isUnauthenticated(new Error('401'))).toBe(false);
    expect(isApiError({ status: 401 })).toBe(false);
  });
});

describe('the Retry-After header', () => {
  const now = Date.parse('2026-10-21T07:28:00Z');

  it('reads seconds, never below zero', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('-5', now)).toBe(0);
  });

  it('reads an HTTP date from now', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:29:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing, empty or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('  ', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('the CSRF token', () => {
  it('goes on the headers while a session has one', () => {
    setCsrfToken('tok-1');
    // the header the server checks (src/shared/contracts.ts `csrfHeader`)
    expect(csrfHeaders()).toEqual({ 'x-csrf-token': 'tok-1' });
    setCsrfToken(undefined);
    expect(csrfHeaders()).toEqual({});
  });
});
