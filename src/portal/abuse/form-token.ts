/**
 * The contact form's signed token: `issuedAtMs.departement.nature.nonce.hmac`.
 * A person needs a few seconds to fill the form; a script posting at once, or
 * replaying a day-old page, is refused. Viewing the page writes nothing: the
 * token is checked by its signature alone. Sending a message with it records
 * its random nonce (table portal_form_nonces, unique), so one page gives one
 * message (issue 16 §5: one token used to give seven tickets).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const formTokenMaxAgeMs = 24 * 3_600_000;

const mac = (secret: string, payload: string) =>
  createHmac('sha256', `portal-form:${secret}`).update(payload).digest('base64url');

export function issueFormToken(
  secret: string,
  departement: string,
  nature: string,
  now = Date.now(),
): string {
  const nonce = randomBytes(12).toString('base64url');
  const payload = `${now}.${departement}.${nature}.${nonce}`;
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
  if (parts.length !== 5) return 'invalid';
  const [issued, departement, nature, nonce, signature] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  const wanted = Buffer.from(mac(secret, `${issued}.${departement}.${nature}.${nonce}`));
  const given = Buffer.from(signature);
  if (wanted.length !== given.length || !timingSafeEqual(wanted, given)) return 'invalid';
  if (departement !== expected.departement || nature !== expected.nature) return 'invalid';
  const age = now - Number(issued);
  if (!Number.isFinite(age) || age < 0) return 'invalid';
  if (age < expected.minSeconds * 1000) return 'too_fast';
  if (age > formTokenMaxAgeMs) return 'expired';
  return 'ok';
}

/**
 * Spends a token that `checkFormToken` accepted: records its nonce until the
 * token would expire. False when it was already spent (a replay, or a second
 * click): the primary key decides, across instances.
 */
export async function spendFormToken(db: Kysely<DB>, token: string): Promise<boolean> {
  const [issued, , , nonce] = token.split('.');
  const expiresAt = new Date(Number(issued) + formTokenMaxAgeMs);
  const inserted = await db
    .insertInto('portal_form_nonces')
    .values({ nonce: nonce ?? '', expires_at: expiresAt })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .returning('nonce')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Deletes the nonces of tokens that have expired anyway (housekeeping). */
export async function pruneFormNonces(db: Kysely<DB>, now = new Date()): Promise<void> {
  await db.deleteFrom('portal_form_nonces').where('expires_at', '<', now).execute();
}
