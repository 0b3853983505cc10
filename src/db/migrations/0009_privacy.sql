-- Personal data (issue 8 §1–§3): retention policies per mailbox and the log of
-- their runs, requests about a person (export, erasure), sensitive numbers found
-- in messages, tombstones of purged attachments, and a lease so that one
-- instance at a time runs the retention job.

-- Closed (or spam, or deleted) tickets of the mailbox are anonymised `months`
-- after closing. No row = keep forever.
create table retention_policies (
  mailbox_id uuid primary key references mailboxes (id) on delete cascade,
  months int not null check (months between 1 and 1200),
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now()
);

-- One row per retention run (scheduled, CLI or API), dry runs included.
create table retention_runs (
  id bigint generated always as identity primary key,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  dry_run boolean not null,
  trigger text not null check (trigger in ('schedule', 'cli', 'api')),
  actor_user_id uuid references users (id) on delete set null,
  tickets int not null default 0,
  attachments int not null default 0,
  blobs_removed int not null default 0,
  -- counts per mailbox id, never names
  details jsonb not null default '{}',
  error text
);
create index retention_runs_started_idx on retention_runs (started_at desc);

-- When a ticket's personal content was erased (retention or a person's erasure).
alter table tickets add column anonymised_at timestamptz;

-- NIRs and IBANs found (with a valid key) in the message's text: agents see a
-- badge and masked bodies; the original is kept until retention or erasure.
alter table messages add column sensitive_kinds text[] not null default '{}';

-- Requests about a person. The query itself names the person, so only its
-- SHA-256 is kept (a later request for the same person can be matched) with
-- what was found and done, by whom, at whose request.
create table privacy_requests (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('find', 'export', 'erase')),
  query_sha256 text not null check (query_sha256 ~ '^[0-9a-f]{64}$'),
  -- who asked (e.g. "the person, letter of 3 March"), free text written by the admin
  requested_by text not null check (length(requested_by) between 1 and 500),
  performed_by uuid references users (id) on delete set null,
  performed_label text,
  performed_at timestamptz not null default now(),
  -- counts of what was found / exported / erased
  summary jsonb not null default '{}'
);
create index privacy_requests_at_idx on privacy_requests (performed_at desc);

-- An attachment purged by an admin (identity document, tax notice…): the row
-- and the bytes are gone, this tombstone says what kind of file it was and who
-- purged it. The file name is not kept (it often names the person).
create table attachment_tombstones (
  id uuid primary key,
  ticket_id bigint not null references tickets (id) on delete cascade,
  message_id bigint references messages (id) on delete cascade,
  content_type text not null,
  size_bytes bigint not null,
  document_kind text,
  purged_by uuid references users (id) on delete set null,
  purged_at timestamptz not null default now()
);
create index attachment_tombstones_ticket_idx on attachment_tombstones (ticket_id);

-- Leases of periodic jobs run by every instance: the holder until `lease_until`.
create table job_leases (
  name text primary key,
  owner text not null,
  lease_until timestamptz not null
);
