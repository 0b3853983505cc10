/** The login form's error in words, from the API's answer. Pure. */
import { isApiError } from '../api/client.ts';
import type { Messages } from '../i18n.ts';

/**
 * 401: wrong address or password; 429: too many attempts (with the wait the
 * server asked for); 400: a field missing; anything else, a network error
 * included: unexpected.
 */
export function loginErrorMessage(error: unknown, t: Messages): string {
  if (!isApiError(error)) return t.unexpectedError;
  if (error.status === 401) return t.wrongCredentials;
  if (error.status === 429) return t.rateLimited(error.retryAfterSeconds);
  if (error.status === 400) return t.invalidInput;
  return t.unexpectedError;
}
