/**
 * API tokens (issue 21 §1): creation (the token is returned this once; only
 * its SHA-256 is kept: a token is 256 random bits, so a fast hash is as safe
 * as a slow one and keeps every request's lookup cheap), listing, revocation.
 * Every change is audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiTokenRow, DB, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { scopesBeyondRole } from '../../policies/token-scopes.ts';
import {
  maxTokenDays,
  type TokenKind,
  type TokenScope,
  tokenPrefix,
  tokenScopes,
} from '../../shared/api-token-contracts.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

/**
 * Revocations made by this process: the lookup cache (resolve-token.ts) drops
 * its answers when it changes, so a token revoked here is refused here at once.
 */
let revocations = 0;
export const localRevocations = (): number => revocations;

export const tokenHashOf = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** How many characters of a token lists show (`gch_` and four more). */
const shownLength = tokenPrefix.length + 4;

export type NewToken = {
  name: string;
  scopes: readonly TokenScope[];
  /** Days until it expires (every token does, at most `maxTokenDays` after its creation). */
  expiresInDays: number;
  kind: TokenKind;
};

export type TokenWithUser = ApiTokenRow & { user_email: string; user_name: string };

/** A token is written for `user`; refused when a scope could never serve the user's role. */
export async function createToken(
  db: Kysely<DB>,
  user: Pick<UserRow, 'id' | 'role' | 'disabled_at'>,
  input: NewToken,
  actor: Actor,
): Promise<{ token: string; row: ApiTokenRow }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100)
    throw new AppError('invalid_input', 'A token needs a name of 1 to 100 characters.');
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0 || scopes.some((s) => !tokenScopes.includes(s)))
    throw new AppError('invalid_input', `Scopes are among: ${tokenScopes.join(', ')}.`);
  const beyond = scopesBeyondRole(scopes, user.role);
  if (beyond.length > 0)
    throw new AppError(
      'invalid_input',
      `The role ${user.role} cannot use the scope(s) ${beyond.join(', ')}.`,
    );
  if (user.disabled_at) throw new AppError('invalid_input', 'This user is disabled.');
  const days = input.expiresInDays;
  if (!Number.isInteger(days) || days < 1 || days > maxTokenDays)
    throw new AppError('invalid_input', `A token lives 1 to ${maxTokenDays} days.`);
  const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
  const now = new Date();
  const row = await db
    .insertInto('api_tokens')
    .values({
      user_id: user.id,
      name,
      kind: input.kind,
      scopes,
      token_hash: tokenHashOf(token),
      prefix: token.slice(0, shownLength),
      created_by: actor.userId,
      created_at: now,
      expires_at: new Date(now.getTime() + days * 86_400_000),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    action: 'api_token.created',
    actorUserId: actor.userId,
    actorLabel: actor.label,
    ip: actor.ip,
    targetType: 'api_token',
    targetId: String(row.id),
    details: { name, kind: input.kind, scopes, userId: user.id, expiresAt: row.expires_at },
  });
  return { token, row };
}

/** Tokens, newest first: one user's (`userId`), or everyone's. */
export async function listTokens(
  db: Kysely<DB>,
  filter: { userId?: string } = {},
): Promise<TokenWithUser[]> {
  let query = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select(['users.email as user_email', 'users.name as user_name'])
    .orderBy('api_tokens.id', 'desc')
    .limit(1000);
  if (filter.userId !== undefined) query = query.where('api_tokens.user_id', '=', filter.userId);
  return query.execute();
}

/**
 * Revokes token `id` (only `ownerId`'s when given: someone else's is a 404).
 * Refused at once on every instance: the lookup cache lives under a second.
 */
export async function revokeToken(
  db: Kysely<DB>,
  id: number,
  actor: Actor,
  ownerId?: string,
): Promise<ApiTokenRow> {
  let query = db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null);
  if (ownerId !== undefined) query = query.where('user_id', '=', ownerId);
  const row = await query.returningAll().executeTakeFirst();
  revocations += 1;
  if (!row) {
    const exists = await db
      .selectFrom('api_tokens')
      .select(['user_id', 'revoked_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!exists || (ownerId !== undefined && exists.user_id !== ownerId))
      throw new AppError('not_found', 'No such token.');
    throw new AppError('conflict', 'This token is already revoked.');
  }
  await recordAudit(db, {
    action: 'api_token.revoked',
    actorUserId: actor.userId,
    actorLabel: actor.label,
    ip: actor.ip,
    targetType: 'api_token',
    targetId: String(row.id),
    details: { name: row.name, userId: row.user_id },
  });
  return row;
}

export const tokenStatusOf = (
  row: Pick<ApiTokenRow, 'revoked_at' | 'expires_at'>,
  now = new Date(),
): 'active' | 'expired' | 'revoked' => {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at && row.expires_at.getTime() <= now.getTime()) return 'expired';
  return 'active';
};
