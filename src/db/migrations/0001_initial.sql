-- Guichet initial schema: SPEC §2–§4 (mailboxes, tickets, messages, classification,
-- contacts, organisations, users and sessions, ratings, attachments, audit).
-- Runs unchanged on PGlite and on a PostgreSQL server (>= 13: gen_random_uuid is core).

create extension if not exists unaccent;

-- Key/value settings (business hours, report thresholds, ...), JSON values.
create table settings (
  key text primary key check (key ~ '^[a-z][a-z0-9_.]{0,99}$'),
  value jsonb not null,
  updated_at timestamptz not null default now()
);

create table mailboxes (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text not null check (length(name) between 1 and 200),
  position int not null default 0,
  created_at timestamptz not null default now(),
  archived_at timestamptz
);

-- Addresses that route inbound mail to a mailbox; the primary one is the From of replies.
create table mailbox_addresses (
  address text primary key check (address = lower(address) and length(address) <= 320),
  mailbox_id uuid not null references mailboxes (id) on delete cascade,
  is_primary boolean not null default false
);
create unique index mailbox_addresses_primary_key on mailbox_addresses (mailbox_id) where is_primary;

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and length(email) <= 320),
  name text not null check (length(name) between 1 and 200),
  role text not null check (role in ('admin', 'supervisor', 'agent', 'viewer')),
  -- argon2id PHC string; null = cannot log in with a password (invited, not yet set)
  password_hash text,
  language text not null default 'fr' check (language in ('fr', 'en')),
  signature text,
  disabled_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_key on users (email);

-- Server-side sessions. The cookie carries a random token; only its SHA-256 is stored.
create table sessions (
  id text primary key check (id ~ '^[0-9a-f]{64}$'),
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

-- Failed-login counters per account and per IP (throttling without permanent lockout).
create table login_throttle (
  key text primary key,
  failures int not null default 0,
  window_started_at timestamptz not null,
  blocked_until timestamptz
);

-- Classification fields of a mailbox (SPEC §3) and their ordered values.
create table fields (
  id uuid primary key default gen_random_uuid(),
  mailbox_id uuid not null references mailboxes (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  label text not null check (length(label) between 1 and 200),
  position int not null default 0,
  required_to_close boolean not null default false,
  archived_at timestamptz,
  unique (mailbox_id, key)
);

-- Reports group by value id, never by label: renaming keeps history, archiving hides
-- the value from pickers only, merged_into_id lets reports count it under another value.
create table field_values (
  id uuid primary key default gen_random_uuid(),
  field_id uuid not null references fields (id) on delete cascade,
  label text not null check (length(label) between 1 and 300),
  position int not null default 0,
  archived_at timestamptz,
  merged_into_id uuid references field_values (id),
  needs_review boolean not null default false,
  created_at timestamptz not null default now(),
  unique (field_id, label)
);

create table organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 300),
  partner_type_value_id uuid references field_values (id),
  departement_value_id uuid references field_values (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Domains that identify an organisation's staff (webmail domains are never entered here).
create table organisation_domains (
  domain text primary key check (domain = lower(domain) and length(domain) <= 253),
  organisation_id uuid not null references organisations (id) on delete cascade
);
create index organisation_domains_org_idx on organisation_domains (organisation_id);

create table contacts (
  id uuid primary key default gen_random_uuid(),
  email text check (email = lower(email) and length(email) <= 320),
  name text,
  phone text,
  organisation_id uuid references organisations (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  anonymised_at timestamptz
);
create unique index contacts_email_key on contacts (email) where email is not null;
create index contacts_organisation_idx on contacts (organisation_id);

-- The short number people quote ("ticket #1042").
create sequence ticket_number_seq start 1000;

create table tickets (
  id bigint generated always as identity primary key,
  number bigint not null unique default nextval('ticket_number_seq'),
  mailbox_id uuid not null references mailboxes (id),
  status text not null default 'active' check (status in ('active', 'pending', 'closed', 'spam')),
  deleted_at timestamptz,
  subject text not null default '',
  contact_id uuid references contacts (id),
  organisation_id uuid references organisations (id),
  assignee_id uuid references users (id),
  channel text not null check (channel in ('email', 'form', 'phone', 'import', 'api')),
  -- creation = the first message (SPEC §4)
  created_at timestamptz not null,
  -- reporting facts stored when they happen (first agent reply or logged call)
  first_response_at timestamptz,
  first_response_seconds int check (first_response_seconds >= 0),
  first_response_business_seconds int check (first_response_business_seconds >= 0),
  -- last closing; cleared on reopening
  closed_at timestamptz,
  last_message_at timestamptz not null,
  updated_at timestamptz not null default now(),
  -- the older ticket this one follows up (a late reply to a closed ticket)
  linked_ticket_id bigint references tickets (id),
  merged_into_id bigint references tickets (id),
  -- imported tickets: origin system and its id, for idempotent re-imports
  source text,
  source_id text,
  unique (source, source_id)
);
create index tickets_inbox_idx on tickets (mailbox_id, status, last_message_at desc, id desc)
  where deleted_at is null;
create index tickets_assignee_idx on tickets (assignee_id, status, last_message_at desc)
  where deleted_at is null;
create index tickets_report_idx on tickets (mailbox_id, created_at)
  where deleted_at is null and status <> 'spam';
create index tickets_contact_idx on tickets (contact_id);
create index tickets_organisation_idx on tickets (organisation_id);

create table messages (
  id bigint generated always as identity primary key,
  ticket_id bigint not null references tickets (id) on delete cascade,
  -- copied from the ticket: the idempotency key of inbound mail is (mailbox, Message-ID)
  mailbox_id uuid not null references mailboxes (id),
  kind text not null check (kind in ('customer', 'reply', 'note', 'phone', 'event')),
  author_user_id uuid references users (id),
  author_contact_id uuid references contacts (id),
  from_address text,
  to_addresses text[] not null default '{}',
  cc_addresses text[] not null default '{}',
  subject text,
  body_text text,
  -- raw HTML as received; sanitised on display
  body_html text,
  message_id text,
  in_reply_to text,
  references_ids text[] not null default '{}',
  -- sent or received at
  created_at timestamptz not null,
  call_direction text check (call_direction in ('inbound', 'outbound')),
  call_duration_seconds int check (call_duration_seconds >= 0),
  event_type text,
  event_data jsonb,
  -- auto-submitted, bounce, unknown sender, ...
  flags jsonb not null default '{}',
  -- content-addressed raw .eml
  raw_sha256 text check (raw_sha256 ~ '^[0-9a-f]{64}$'),
  source_id text
);
create unique index messages_message_id_key on messages (mailbox_id, message_id)
  where message_id is not null;
create index messages_ticket_idx on messages (ticket_id, created_at, id);
create index messages_replies_idx on messages (mailbox_id, created_at) where kind = 'reply';

create table ticket_field_values (
  ticket_id bigint not null references tickets (id) on delete cascade,
  field_id uuid not null references fields (id) on delete cascade,
  value_id uuid not null references field_values (id),
  -- filled by Guichet (organisation directory, contact form), not by an agent
  auto_filled boolean not null default false,
  set_by uuid references users (id),
  set_at timestamptz not null default now(),
  primary key (ticket_id, field_id)
);
create index ticket_field_values_value_idx on ticket_field_values (value_id);

create table tags (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 100)
);
create unique index tags_name_key on tags (lower(name));

create table ticket_tags (
  ticket_id bigint not null references tickets (id) on delete cascade,
  tag_id uuid not null references tags (id) on delete cascade,
  primary key (ticket_id, tag_id)
);
create index ticket_tags_tag_idx on ticket_tags (tag_id);

-- One rating per rated reply; the last change wins, earlier ones go to rating_history.
create table ratings (
  id uuid primary key default gen_random_uuid(),
  message_id bigint not null unique references messages (id) on delete cascade,
  ticket_id bigint not null references tickets (id) on delete cascade,
  agent_id uuid references users (id),
  level text not null check (level in ('great', 'okay', 'not_good')),
  comment text,
  rated_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index ratings_ticket_idx on ratings (ticket_id);

create table rating_history (
  id bigint generated always as identity primary key,
  rating_id uuid not null references ratings (id) on delete cascade,
  level text not null check (level in ('great', 'okay', 'not_good')),
  comment text,
  rated_at timestamptz not null
);

-- Metadata only: bytes live in the content-addressed store under DATA_DIR/blobs.
create table attachments (
  id uuid primary key default gen_random_uuid(),
  ticket_id bigint not null references tickets (id) on delete cascade,
  message_id bigint references messages (id) on delete cascade,
  filename text not null check (length(filename) between 1 and 255),
  content_type text not null,
  size_bytes bigint not null check (size_bytes >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content_id text,
  is_inline boolean not null default false,
  created_at timestamptz not null default now()
);
create index attachments_ticket_idx on attachments (ticket_id);
create index attachments_sha256_idx on attachments (sha256);

create table audit_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_user_id uuid references users (id) on delete set null,
  -- who acted when it was not a logged-in user: 'cli', 'system', or the e-mail tried at login
  actor_label text,
  action text not null,
  target_type text,
  target_id text,
  ip text,
  details jsonb not null default '{}'
);
create index audit_events_at_idx on audit_events (at);
create index audit_events_target_idx on audit_events (target_type, target_id);
