import { describe, expect, it } from 'vitest';
import { ApiError } from './client.ts';
import { retryRead } from './retry.ts';

describe('trying a failed read again', () => {
  it('never after a refusal', () => {
    for (const status of [400, 401, 403, 404, 409, 429, 499])
      expect(retryRead(0, new ApiError(status, 'x', ''))).toBe(false);
  });

  it('twice after a server or network failure', () => {
    for (const error of [
      new ApiError(500, 'x', ''),
      new ApiError(0, 'network', ''),
      new Error('x'),
    ]) {
      expect(retryRead(0, error)).toBe(true);
      expect(retryRead(1, error)).toBe(true);
      expect(retryRead(2, error)).toBe(false);
    }
  });
});
