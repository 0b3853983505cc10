/**
 * Single-use, expiring account links (invitations, password resets).
 *
 * The token in a link is the HMAC (instance secret) of a random nonce kept in
 * the row; the row keeps only the token's SHA-256, looked up on use. So the
 * database alone never yields a usable link, and the outbox worker can still
 * write the link into the mail it sends (it holds the secret). A token is
 * consumed by one conditional UPDATE: two uses at once, one wins.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AccountTokenPurpose, DB, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { MailSigner } from '../signing/mail-signer.ts';

export const tokenTtlMs: Record<AccountTokenPurpose, number> = {
  invitation: 7 * 24 * 3_600_000,
  password_reset: 60 * 60_000,
};

/** How tokens are made from their nonce: the mail signer's HMAC. */
export type TokenSigner = Pick<MailSigner, 'accountToken'>;

export const tokenHash = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** A token as it arrives from a link: base64url of a SHA-256 HMAC. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

const invalidLink = () =>
  new AppError('not_found', 'This link is not valid any more: ask for a new one.');

/**
 * Creates a token for `userId`; earlier unused tokens of the same purpose stop
 * working (only the latest link counts). Returns the row id and the token.
 */
export async function createAccountToken(
  db: Kysely<DB>,
  signer: TokenSigner,
  options: { userId: string; purpose: AccountTokenPurpose; createdBy: string | null; now?: Date },
): Promise<{ id: number; token: string; expiresAt: Date }> {
  const now = options.now ?? new Date();
  const nonce = randomBytes(24).toString('base64url');
  const token = signer.accountToken(nonce);
  const expiresAt = new Date(now.getTime() + tokenTtlMs[options.purpose]);
  await db
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('user_id', '=', options.userId)
    .where('purpose', '=', options.purpose)
    .where('used_at', 'is', null)
    .execute();
  const row = await db
    .insertInto('account_tokens')
    .values({
      user_id: options.userId,
      purpose: options.purpose,
      token_hash: tokenHash(token),
      nonce,
      created_by: options.createdBy,
      created_at: now,
      expires_at: expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, expiresAt };
}

/** The link token of a stored row (for the mail that carries it). */
export function tokenOfRow(signer: TokenSigner, row: { nonce: string }): string {
  return signer.accountToken(row.nonce);
}

/** The user a live token belongs to, without using it up; not_found otherwise. */
export async function peekAccountToken(
  db: Kysely<DB>,
  token: string,
  purpose: AccountTokenPurpose,
  now = new Date(),
): Promise<UserRow> {
  if (!tokenPattern.test(token)) throw invalidLink();
  const user = await db
    .selectFrom('account_tokens as t')
    .innerJoin('users', 'users.id', 't.user_id')
    .selectAll('users')
    .where('t.token_hash', '=', tokenHash(token))
    .where('t.purpose', '=', purpose)
    .where('t.used_at', 'is', null)
    .where('t.expires_at', '>', now)
    .executeTakeFirst();
  if (!user) throw invalidLink();
  return user;
}

/**
 * Uses a token up (in the caller's transaction) and returns its user; the
 * same not_found for an unknown, used, expired or other-purpose token.
 */
export async function consumeAccountToken(
  db: Kysely<DB>,
  token: string,
  purpose: AccountTokenPurpose,
  now = new Date(),
): Promise<UserRow> {
  if (!tokenPattern.test(token)) throw invalidLink();
  const used = await db
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  if (!used) throw invalidLink();
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', used.user_id)
    .executeTakeFirstOrThrow();
}
