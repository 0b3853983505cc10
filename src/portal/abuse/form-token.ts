/**
 * The contact form's signed timestamp: `issuedAtMs.departement.nature.hmac`.
 * A person needs a few seconds to fill the form; a script posting at once, or
 * replaying a day-old page, is refused. No cookie, no server state.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const maxAgeMs = 24 * 3_600_000;

const mac = (secret: string, payload: string) =>
  createHmac('sha256', `portal-form:${secret}`).update(payload).digest('base64url');

export function issueFormToken(
  secret: string,
  departement: string,
  nature: string,
  now = Date.now(),
): string {
  const payload = `${now}.${departement}.${nature}`;
  return `${payload}.${mac(secret, payload)}`;
}

export type TokenCheck = 'ok' | 'invalid' | 'too_fast' | 'expired';

/** Checks a token for this site and nature, at least `minSeconds` old. */
export function checkFormToken(
  secret: string,
  token: string,
  expected: { departement: string; nature: string; minSeconds: number },
  now = Date.now(),
): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 4) return 'invalid';
  const [issued, departement, nature, signature] = parts as [string, string, string, string];
  const wanted = Buffer.from(mac(secret, `${issued}.${departement}.${nature}`));
  const given = Buffer.from(signature);
  if (wanted.length !== given.length || !timingSafeEqual(wanted, given)) return 'invalid';
  if (departement !== expected.departement || nature !== expected.nature) return 'invalid';
  const age = now - Number(issued);
  if (!Number.isFinite(age) || age < 0) return 'invalid';
  if (age < expected.minSeconds * 1000) return 'too_fast';
  if (age > maxAgeMs) return 'expired';
  return 'ok';
}
