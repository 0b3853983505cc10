/**
 * What the links of account mail do: accept an invitation (choose the first
 * password) and reset a forgotten password. Both use the token up in the
 * transaction that sets the password, end every session of the account, and
 * are audited. A reset request answers the same whatever the address.
 */
import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { consumeAccountToken, createAccountToken, type TokenSigner } from './account-tokens.ts';
import { enqueueAccountMail } from './enqueue-account-mail.ts';
import { assertStrongPassword } from './password-strength.ts';
import { assertAcceptablePassword, hashPassword } from './passwords.ts';

/** At most one reset mail per account in this window (the route also limits per IP). */
export const resetMailEveryMs = 5 * 60_000;

async function setPasswordWithToken(
  db: Kysely<DB>,
  token: string,
  purpose: 'invitation' | 'password_reset',
  password: string,
  ip: string | null,
): Promise<UserRow> {
  assertAcceptablePassword(password);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const user = await consumeAccountToken(trx, token, purpose);
    if (user.disabled_at !== null)
      throw new AppError('not_found', 'This link is not valid any more: ask for a new one.');
    if (purpose === 'invitation' && user.password_hash !== null)
      throw new AppError('not_found', 'This link is not valid any more: ask for a new one.');
    // Refused here, once the account is known: the rollback keeps the link usable.
    await assertStrongPassword(password, [user.email, user.name]);
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await recordAudit(trx, {
      action: purpose === 'invitation' ? 'user.invitation_accepted' : 'auth.password_reset',
      actorUserId: user.id,
      ip,
      targetType: 'user',
      targetId: user.id,
    });
    return user;
  });
}

/** Sets the first password of an invited account; the link then stops working. */
export function acceptInvitation(
  db: Kysely<DB>,
  token: string,
  password: string,
  ip: string | null,
): Promise<UserRow> {
  return setPasswordWithToken(db, token, 'invitation', password, ip);
}

/** Sets a new password from a reset link; every session of the account ends. */
export function resetPassword(
  db: Kysely<DB>,
  token: string,
  password: string,
  ip: string | null,
): Promise<UserRow> {
  return setPasswordWithToken(db, token, 'password_reset', password, ip);
}

/**
 * Queues a reset link (1 hour) for an enabled account of that address, at
 * most one per `resetMailEveryMs`. Returns what happened for tests and the
 * audit; the HTTP answer never tells.
 */
export async function requestPasswordReset(
  db: Kysely<DB>,
  signer: TokenSigner,
  email: string,
  ip: string | null,
  now = new Date(),
): Promise<'sent' | 'ignored'> {
  const address = email.trim().toLowerCase();
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', address)
    .executeTakeFirst();
  const outcome = await db.transaction().execute(async (trx) => {
    if (!user || user.disabled_at !== null) return 'ignored' as const;
    const recent = await trx
      .selectFrom('account_tokens')
      .select('id')
      .where('user_id', '=', user.id)
      .where('purpose', '=', 'password_reset')
      .where('created_at', '>', new Date(now.getTime() - resetMailEveryMs))
      .executeTakeFirst();
    if (recent) return 'ignored' as const;
    const token = await createAccountToken(trx, signer, {
      userId: user.id,
      purpose: 'password_reset',
      createdBy: null,
      now,
    });
    await enqueueAccountMail(trx, { tokenId: token.id, to: user.email });
    return 'sent' as const;
  });
  await recordAudit(db, {
    action: 'auth.password_reset_requested',
    actorLabel: address.slice(0, 320),
    ip,
    targetType: user ? 'user' : undefined,
    targetId: user?.id,
    details: { mailed: outcome === 'sent' },
  });
  return outcome;
}
