/**
 * API tokens (issue 21 §1): what a token may reach (its scopes), the forms
 * that create one, and what lists show. A token acts as its user: a request
 * passes when the route's scope is among the token's AND the user's role
 * allows the route.
 */
import { z } from 'zod';

export const tokenScopes = ['tickets:read', 'tickets:write', 'reports:read', 'admin'] as const;
export const tokenScopeSchema = z.enum(tokenScopes);
export type TokenScope = z.infer<typeof tokenScopeSchema>;

export const tokenKinds = ['personal', 'service'] as const;
export type TokenKind = (typeof tokenKinds)[number];

/** Longest life of a token, in days (two years): every token expires. */
export const maxTokenDays = 730;

/** Every token starts with this: secret scanners and people recognise it. */
export const tokenPrefix = 'gch_';

/** POST /api/tokens (one's own personal token) and POST /api/admin/tokens (a service token). */
export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(tokenScopeSchema).min(1).max(4),
    expiresInDays: z.number().int().min(1).max(maxTokenDays),
  })
  .strict();
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const createServiceTokenSchema = createTokenSchema
  .extend({ userEmail: z.string().trim().toLowerCase().email().max(320) })
  .strict();
export type CreateServiceTokenInput = z.infer<typeof createServiceTokenSchema>;

export type TokenStatus = 'active' | 'expired' | 'revoked';

export type ApiTokenDto = {
  id: number;
  name: string;
  kind: TokenKind;
  scopes: TokenScope[];
  /** The token's first characters (`gch_AbCd`), never the token. */
  prefix: string;
  user: { id: string; email: string; name: string };
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: TokenStatus;
};

/** GET /api/tokens, GET /api/admin/tokens. */
export type ApiTokenListDto = { tokens: ApiTokenDto[] };

/** The answer of a creation: the token, shown this once. */
export type CreatedTokenDto = { token: string; apiToken: ApiTokenDto };
