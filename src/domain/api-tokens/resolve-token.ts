/**
 * Who a bearer token is (issue 21 §1), fast: the answer for a token is kept
 * at most `ttlMs` (one second by default) in this process, so a request costs
 * a hash and a map lookup, and a token revoked or expired on any instance, or
 * whose user was disabled, is refused everywhere within that second (in the
 * process that revoked it, at once). Expiry is also checked against the clock
 * on every use.
 */
import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import { tokenPrefix } from '../../shared/api-token-contracts.ts';
import { localRevocations, tokenHashOf } from './manage-tokens.ts';

export type TokenIdentity = {
  tokenId: number;
  name: string;
  scopes: readonly string[];
  expiresAt: Date | null;
  user: UserRow;
};

export type TokenResolver = (token: string, now?: number) => Promise<TokenIdentity | null>;

const tokenShape = new RegExp(`^${tokenPrefix}[A-Za-z0-9_-]{43}$`);

/** Most answers kept at once; past it the cache starts again (a flood of wrong tokens). */
const maxEntries = 10_000;

export function createTokenResolver(db: Kysely<DB>, { ttlMs = 1000 } = {}): TokenResolver {
  const cache = new Map<string, { until: number; identity: TokenIdentity | null }>();
  let revocationsSeen = localRevocations();

  async function lookUp(hash: string, now: number): Promise<TokenIdentity | null> {
    const row = await db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('users')
      .select([
        'api_tokens.id as token_id',
        'api_tokens.name as token_name',
        'api_tokens.scopes as token_scopes',
        'api_tokens.expires_at as token_expires_at',
      ])
      .where('api_tokens.token_hash', '=', hash)
      .where('api_tokens.revoked_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('api_tokens.expires_at', 'is', null),
          eb('api_tokens.expires_at', '>', new Date(now)),
        ]),
      )
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    const { token_id, token_name, token_scopes, token_expires_at, ...user } = row;
    return {
      tokenId: token_id,
      name: token_name,
      scopes: token_scopes,
      expiresAt: token_expires_at,
      user,
    };
  }

  return async (token, now = Date.now()) => {
    if (!tokenShape.test(token)) return null;
    const hash = tokenHashOf(token);
    if (revocationsSeen !== localRevocations()) {
      cache.clear();
      revocationsSeen = localRevocations();
    }
    const cached = cache.get(hash);
    let identity: TokenIdentity | null;
    if (cached && cached.until > now) identity = cached.identity;
    else {
      identity = await lookUp(hash, now);
      if (cache.size >= maxEntries) cache.clear();
      cache.set(hash, { until: now + ttlMs, identity });
    }
    if (identity?.expiresAt && identity.expiresAt.getTime() <= now) return null;
    return identity;
  };
}
