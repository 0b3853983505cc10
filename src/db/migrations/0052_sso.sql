-- Single sign-on with OpenID Connect (issue 21 §4).

create table sso_providers (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$'),
  label text not null,
  issuer text not null,
  client_id text not null,
  -- AES-256-GCM with MAIL_CREDENTIALS_KEY (src/storage/credentials.ts); never returned.
  client_secret_enc text not null,
  scopes text not null default 'openid email given_name usual_name siret',
  default_role text not null default 'viewer' check (default_role in ('supervisor', 'agent', 'viewer')),
  allowed_domains text[] not null default '{}',
  verifies_email boolean not null default false,
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Addresses of these domains log in through the provider only (administrators excepted).
create table sso_password_off_domains (
  domain text primary key,
  provider_id uuid not null references sso_providers (id) on delete cascade
);

-- Who a provider's subject is here: the link made at the first sign-on.
create table sso_identities (
  provider_id uuid not null references sso_providers (id) on delete cascade,
  subject text not null,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_login_at timestamptz not null default now(),
  primary key (provider_id, subject)
);
create index sso_identities_user on sso_identities (user_id);

-- A sign-on under way: the state's SHA-256 (the browser holds the state in a signed
-- cookie), its nonce and PKCE verifier; spent (deleted) by the callback, once.
create table sso_login_states (
  state_hash text primary key,
  provider_id uuid not null references sso_providers (id) on delete cascade,
  nonce text not null,
  code_verifier text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sso_login_states_expiry on sso_login_states (expires_at);

-- ProConnect's establishment number (SIRET, 14 digits) in the directory, and the
-- organisation a person belongs to (set by the sign-on from the SIRET).
alter table organisations add column siret text check (siret ~ '^[0-9]{14}$');
create unique index organisations_siret on organisations (siret) where siret is not null;
create table user_organisations (
  user_id uuid primary key references users (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  updated_at timestamptz not null default now()
);
create index user_organisations_organisation on user_organisations (organisation_id);
