import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { passwordOffProvider } from '../sso/sso-providers.ts';
import { findUserByEmail } from '../users/manage-users.ts';
import { verifyPassword } from '../users/passwords.ts';
import { secondFactorEnabled, verifySecondFactor } from '../users/second-factor.ts';
import {
  accountKey,
  clearFailures,
  ipKey,
  recordFailure,
  retryAfterSeconds,
} from './login-throttle.ts';
import { createSession, type SessionPolicy } from './sessions.ts';

export type LogInResult =
  | { kind: 'session'; user: UserRow; token: string; csrfToken: string }
  /** The password is right and the account has a second factor: ask for its code. */
  | { kind: 'second_factor' };

/**
 * Checks credentials and opens a session.
 *
 * Throttled per account and per IP (429 with `retryAfterSeconds`). A wrong
 * e-mail, a wrong password and a disabled account give the same answer and
 * take the same time. Every attempt is audited (throttled ones too). With a
 * second factor on, the right password alone answers `second_factor`; a
 * wrong code counts as a failure like a wrong password.
 */
export async function logIn(
  db: Kysely<DB>,
  credentials: { email: string; password: string; code?: string | undefined },
  meta: { ip: string; userAgent: string | null },
  policy: SessionPolicy,
  totpKey?: Buffer,
): Promise<LogInResult> {
  const email = credentials.email.trim().toLowerCase();
  const keys = [accountKey(email), ipKey(meta.ip)];
  const wait = await retryAfterSeconds(db, keys);
  if (wait > 0) {
    await recordAudit(db, {
      action: 'auth.login_throttled',
      actorLabel: email.slice(0, 320),
      ip: meta.ip,
      details: { retryAfterSeconds: wait },
    });
    throw new AppError('rate_limited', `Too many failed attempts. Try again in ${wait} seconds.`, {
      retryAfterSeconds: wait,
    });
  }
  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, credentials.password);
  // Password login switched off for the address's domain (issue 21 §4): its provider's
  // button instead. Administrators keep their password and second factor (docs/sso.md).
  const ssoOnly = user?.role === 'admin' ? null : await passwordOffProvider(db, email);
  if (ssoOnly) {
    await recordAudit(db, {
      action: 'auth.login_failed',
      actorUserId: user?.id ?? null,
      actorLabel: email.slice(0, 320),
      ip: meta.ip,
      details: { reason: 'password_login_off', provider: ssoOnly.slug },
    });
    throw new AppError(
      'forbidden',
      `Password login is off for this address: log in with ${ssoOnly.label}.`,
      { public: { ssoProvider: ssoOnly.slug } },
    );
  }
  if (!user || !passwordOk || user.disabled_at !== null) {
    await recordFailure(db, keys);
    await recordAudit(db, {
      action: 'auth.login_failed',
      actorUserId: user?.id ?? null,
      actorLabel: email.slice(0, 320),
      ip: meta.ip,
      details: {
        reason: !user ? 'unknown_account' : user.disabled_at ? 'disabled' : 'wrong_password',
      },
    });
    throw new AppError('unauthenticated', 'Wrong e-mail address or password.');
  }
  if (totpKey && (await secondFactorEnabled(db, user.id))) {
    if (!credentials.code) return { kind: 'second_factor' };
    if (!(await verifySecondFactor(db, totpKey, user.id, credentials.code, { ip: meta.ip }))) {
      await recordFailure(db, keys);
      await recordAudit(db, {
        action: 'auth.login_failed',
        actorUserId: user.id,
        actorLabel: email.slice(0, 320),
        ip: meta.ip,
        details: { reason: 'wrong_second_factor' },
      });
      throw new AppError('unauthenticated', 'Wrong code.');
    }
  }
  await clearFailures(db, keys[0] as string);
  const session = await createSession(db, user.id, policy, meta);
  await db
    .updateTable('users')
    .set({ last_login_at: new Date() })
    .where('id', '=', user.id)
    .execute();
  await recordAudit(db, { action: 'auth.login', actorUserId: user.id, ip: meta.ip });
  return { kind: 'session', user, ...session };
}
