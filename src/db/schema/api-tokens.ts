/**
 * Kysely table type of the API tokens (../migrations/0044_api_tokens.sql, issue 21 §1).
 * Assembled into `DB` by ../schema.ts.
 */
import type { Generated, Selectable } from 'kysely';
import type { DefaultTimestamp, TextArray, Timestamp } from './columns.ts';

export type ApiTokensTable = {
  id: Generated<number>;
  user_id: string;
  name: string;
  kind: 'personal' | 'service';
  scopes: TextArray;
  /** SHA-256 (hex) of the whole token; the token itself is never stored. */
  token_hash: string;
  /** The token's first characters, to tell tokens apart in lists. */
  prefix: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
};

export type ApiTokenRow = Selectable<ApiTokensTable>;
