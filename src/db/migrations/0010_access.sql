-- Users and access (issue 8 §4–§5): invitation and password-reset links, the
-- optional TOTP second factor of administrators, account mail through the
-- outbox, and the indexes of the audit log search.

-- Single-use, expiring links. The link's token is derived (HMAC with the
-- instance secret) from the row id and `nonce`; only its SHA-256 is stored, so
-- the database alone never gives a usable link.
create table account_tokens (
  id bigint generated always as identity primary key,
  user_id uuid not null references users (id) on delete cascade,
  purpose text not null check (purpose in ('invitation', 'password_reset')),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  nonce text not null check (length(nonce) between 16 and 64),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index account_tokens_user_idx on account_tokens (user_id, purpose, created_at desc);

-- TOTP (RFC 6238) of a user: the secret is encrypted (AES-256-GCM, key derived
-- from the instance secret); `enabled_at` null = enrolment not confirmed yet.
-- `last_step` refuses a code used twice.
create table user_totp (
  user_id uuid primary key references users (id) on delete cascade,
  secret_enc text not null,
  enabled_at timestamptz,
  last_step bigint,
  created_at timestamptz not null default now()
);

-- Recovery codes of the second factor: SHA-256 only, each usable once.
create table user_recovery_codes (
  id bigint generated always as identity primary key,
  user_id uuid not null references users (id) on delete cascade,
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  used_at timestamptz
);
create index user_recovery_codes_user_idx on user_recovery_codes (user_id);

-- Account mail (invitations, password resets) goes through the outbox: such a
-- row has no ticket and points at its token instead.
alter table outbox alter column ticket_id drop not null;
alter table outbox add column account_token_id bigint references account_tokens (id) on delete cascade;
alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check check (kind in ('reply', 'ack', 'account'));
alter table outbox add constraint outbox_account_check check (
  (kind = 'account') = (account_token_id is not null) and (kind = 'account' or ticket_id is not null)
);

-- Audit log search: newest first by id (keyset), by actor, by action prefix.
create index audit_events_actor_idx on audit_events (actor_user_id, id desc);
create index audit_events_action_idx on audit_events (action text_pattern_ops, id desc);
