/** API token rows → ApiTokenDto (never the hash; the token itself only in the creation's answer). */
import type { TokenWithUser } from '../domain/api-tokens/manage-tokens.ts';
import { tokenStatusOf } from '../domain/api-tokens/manage-tokens.ts';
import type { ApiTokenDto, TokenScope } from '../shared/api-token-contracts.ts';

export function presentApiToken(row: TokenWithUser, now = new Date()): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    scopes: row.scopes as TokenScope[],
    prefix: row.prefix,
    user: { id: row.user_id, email: row.user_email, name: row.user_name },
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    status: tokenStatusOf(row, now),
  };
}
