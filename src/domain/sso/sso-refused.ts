import type { SsoErrorCode } from '../../shared/sso-contracts.ts';

/**
 * A sign-on refused on purpose: the callback sends the browser back to the login
 * page with `?sso=<code>`, which shows the French sentence of
 * src/shared/sso-contracts.ts. `reason` is for the audit log (never a secret).
 */
export class SsoRefused extends Error {
  readonly code: SsoErrorCode;
  readonly reason: string;

  constructor(code: SsoErrorCode, reason: string) {
    super(`single sign-on refused: ${code} (${reason})`);
    this.name = 'SsoRefused';
    this.code = code;
    this.reason = reason;
  }
}
