/**
 * The optional second factor of administrators (issue 8 §5): enrolment shows
 * a TOTP secret and its otpauth URI, confirmed by a first code; ten recovery
 * codes are shown once and stored as SHA-256. A TOTP step is accepted once
 * (`last_step`), a recovery code once (`used_at`); both updates are
 * conditional, so two logins with the same code cannot both pass.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { hasRole } from '../../policies/roles.ts';
import { decryptSecret, encryptSecret } from '../../storage/credentials.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.ts';

/** The key that encrypts TOTP secrets, derived from the instance secret. */
export const totpKeyOf = (instanceSecret: string): Buffer =>
  createHmac('sha256', instanceSecret).update('guichet-totp-secret-key').digest();

const recoveryCount = 10;
const hashCode = (code: string): string =>
  createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');

/** `xxxx-xxxx-xxxx`, lowercase base32-ish letters and digits. */
function newRecoveryCode(): string {
  const raw = randomBytes(10).toString('hex').slice(0, 12);
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

export async function secondFactorEnabled(db: Kysely<DB>, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_totp')
    .select('enabled_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.enabled_at != null;
}

/** Starts (or restarts, while not confirmed) enrolment: a new secret and its URI. */
export async function startTotpEnrolment(
  db: Kysely<DB>,
  key: Buffer,
  user: UserRow,
): Promise<{ secret: string; otpauthUri: string }> {
  if (!hasRole(user.role, 'admin'))
    throw new AppError('forbidden', 'The second factor is offered to administrators.');
  if (await secondFactorEnabled(db, user.id))
    throw new AppError('conflict', 'The second factor is already on: turn it off first.');
  const secret = newTotpSecret();
  await db
    .insertInto('user_totp')
    .values({ user_id: user.id, secret_enc: encryptSecret(key, secret) })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        secret_enc: encryptSecret(key, secret),
        enabled_at: null,
        last_step: null,
        created_at: new Date(),
      }),
    )
    .execute();
  return { secret, otpauthUri: otpauthUri(secret, user.email) };
}

/** Uses a TOTP code of the user's stored secret; false when wrong or already used. */
async function spendTotpCode(
  db: Kysely<DB>,
  key: Buffer,
  userId: string,
  code: string,
  now: Date,
  requireEnabled: boolean,
): Promise<boolean> {
  const row = await db
    .selectFrom('user_totp')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row || (requireEnabled && row.enabled_at === null)) return false;
  const step = matchTotp(decryptSecret(key, row.secret_enc), code.replace(/\s/g, ''), now);
  if (step === null) return false;
  const updated = await db
    .updateTable('user_totp')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Confirms enrolment with a first code; returns the recovery codes (shown once). */
export async function confirmTotpEnrolment(
  db: Kysely<DB>,
  key: Buffer,
  user: UserRow,
  code: string,
  actor: Actor,
  now = new Date(),
): Promise<string[]> {
  if (await secondFactorEnabled(db, user.id))
    throw new AppError('conflict', 'The second factor is already on.');
  if (!(await spendTotpCode(db, key, user.id, code, now, false)))
    throw new AppError('invalid_input', 'This code is not the current one: try the next code.');
  const codes = Array.from({ length: recoveryCount }, newRecoveryCode);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user_totp')
      .set({ enabled_at: now })
      .where('user_id', '=', user.id)
      .execute();
    await trx.deleteFrom('user_recovery_codes').where('user_id', '=', user.id).execute();
    await trx
      .insertInto('user_recovery_codes')
      .values(codes.map((c) => ({ user_id: user.id, code_hash: hashCode(c) })))
      .execute();
    await recordAudit(trx, {
      action: 'auth.totp_enabled',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      ip: actor.ip,
      targetType: 'user',
      targetId: user.id,
    });
  });
  return codes;
}

/**
 * Checks a login's second factor: a current TOTP code, or an unused recovery
 * code (then used up and audited). False otherwise.
 */
export async function verifySecondFactor(
  db: Kysely<DB>,
  key: Buffer,
  userId: string,
  code: string,
  meta: { ip: string | null },
  now = new Date(),
): Promise<boolean> {
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed.replace(/\s/g, '')))
    return spendTotpCode(db, key, userId, trimmed, now, true);
  if (trimmed.length > 40) return false;
  const used = await db
    .updateTable('user_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashCode(trimmed))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) return false;
  await recordAudit(db, {
    action: 'auth.recovery_code_used',
    actorUserId: userId,
    ip: meta.ip,
    targetType: 'user',
    targetId: userId,
  });
  return true;
}

/** Turns the second factor off (a current code or a recovery code is required). */
export async function disableSecondFactor(
  db: Kysely<DB>,
  key: Buffer,
  user: UserRow,
  code: string,
  actor: Actor,
): Promise<void> {
  if (!(await secondFactorEnabled(db, user.id)))
    throw new AppError('conflict', 'The second factor is not on.');
  if (!(await verifySecondFactor(db, key, user.id, code, { ip: actor.ip ?? null })))
    throw new AppError('invalid_input', 'Wrong code.');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('user_totp').where('user_id', '=', user.id).execute();
    await trx.deleteFrom('user_recovery_codes').where('user_id', '=', user.id).execute();
    await recordAudit(trx, {
      action: 'auth.totp_disabled',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      ip: actor.ip,
      targetType: 'user',
      targetId: user.id,
    });
  });
}

/**
 * Removes a user's second factor without a code, for an administrator who lost
 * their device (and their recovery codes): the TOTP secret, even one not yet
 * confirmed, and every recovery code go, and every session of the account
 * ends, all in one transaction; the next login asks for the password alone.
 * Meant for the CLI (whoever runs it already holds the server). Audited as
 * `auth.totp_reset`. not_found for an unknown address, conflict when the
 * account has no second factor.
 */
export async function resetSecondFactor(
  db: Kysely<DB>,
  email: string,
  actor: Actor,
): Promise<{ user: UserRow; sessionsEnded: number }> {
  const address = email.trim().toLowerCase();
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', address)
    .executeTakeFirst();
  if (!user) throw new AppError('not_found', `No user with the e-mail ${address}.`);
  return db.transaction().execute(async (trx) => {
    const totp = await trx
      .deleteFrom('user_totp')
      .where('user_id', '=', user.id)
      .returning('enabled_at')
      .executeTakeFirst();
    const codes = await trx
      .deleteFrom('user_recovery_codes')
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (!totp && Number(codes.numDeletedRows) === 0)
      throw new AppError('conflict', `${user.email} has no second factor.`);
    const sessions = await trx
      .deleteFrom('sessions')
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    const sessionsEnded = Number(sessions.numDeletedRows);
    await recordAudit(trx, {
      action: 'auth.totp_reset',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      ip: actor.ip,
      targetType: 'user',
      targetId: user.id,
      details: {
        wasEnabled: totp?.enabled_at != null,
        recoveryCodes: Number(codes.numDeletedRows),
        sessionsEnded,
      },
    });
    return { user, sessionsEnded };
  });
}
