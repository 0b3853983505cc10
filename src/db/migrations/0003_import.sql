-- Import (SPEC §6, issue 4): what each imported record became, so that re-running an
-- import is idempotent (keyed by the origin's ids) and a changed record is updated.

-- One row per imported conversation (Help Scout) or row (CSV): its ticket, the hash of
-- what was imported (unchanged hash = nothing to do), where it was last read, and what
-- Guichet has no column for (unmapped custom fields, Help Scout state, assignee, ...).
create table import_records (
  source text not null check (source ~ '^[a-z][a-z0-9_:.-]{0,99}$'),
  source_id text not null check (length(source_id) between 1 and 200),
  ticket_id bigint not null references tickets (id) on delete cascade,
  content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
  run_id uuid not null,
  file text not null,
  line int not null check (line >= 0),
  extra jsonb not null default '{}',
  imported_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (source, source_id)
);
create index import_records_ticket_idx on import_records (ticket_id);

-- Imported threads are upserted by their origin id within their ticket.
create unique index messages_source_key on messages (ticket_id, source_id)
  where source_id is not null;

-- One row per run of `guichet import …`: what was asked and what came of it.
create table import_runs (
  id uuid primary key,
  kind text not null check (kind in ('helpscout', 'csv', 'totals')),
  dry_run boolean not null default false,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  summary jsonb not null default '{}'
);
