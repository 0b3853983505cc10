-- API tokens (issue 21 §1): personal tokens (made by their user in the app) and
-- service tokens (made by an administrator or the CLI for a user), each with
-- scopes and an expiry. The caller holds `gch_` + 43 random base64url
-- characters (256 bits); the database holds only its SHA-256, so a leaked
-- database leaks no token. `prefix` (the first characters) tells tokens apart
-- in lists. A revoked token keeps its row (the audit log names it).
create table api_tokens (
  id bigint generated always as identity primary key,
  user_id uuid not null references users (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  kind text not null check (kind in ('personal', 'service')),
  scopes text[] not null check (
    cardinality(scopes) between 1 and 4
    and scopes <@ array['tickets:read', 'tickets:write', 'reports:read', 'admin']::text[]
  ),
  token_hash text not null check (token_hash ~ '^[0-9a-f]{64}$'),
  prefix text not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create unique index api_tokens_hash_key on api_tokens (token_hash);
create index api_tokens_user_idx on api_tokens (user_id);
