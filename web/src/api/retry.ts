/** When a failed read is tried again (the query client's rule). Pure. */
import { isApiError } from './client.ts';

/**
 * A refusal (4xx: not allowed, not found, invalid) is final; other failures
 * (network, 5xx) are tried again twice, so three attempts at most.
 */
export function retryRead(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
