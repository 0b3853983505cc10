-- Reports: yearly totals for years without detailed data (SPEC §6, report 3B),
-- the editable texts of each year's report, and published snapshots.

create table yearly_totals (
  mailbox_id uuid not null references mailboxes (id) on delete cascade,
  year int not null check (year between 1990 and 2200),
  tickets int not null check (tickets >= 0),
  -- null when the source did not count replies
  replies int check (replies >= 0),
  source text not null default 'import',
  updated_at timestamptz not null default now(),
  primary key (mailbox_id, year)
);

-- Preambles and comments of the yearly report, per year and section key (e.g. '1A', '3A.comment').
create table report_texts (
  year int not null check (year between 1990 and 2200),
  section text not null check (section ~ '^[0-9][A-Z](\.[a-z]{1,20})?$'),
  body text not null check (length(body) <= 20000),
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now(),
  primary key (year, section)
);

-- A published report: its numbers frozen as they were published (SPEC §5, issue 3 §8).
create table report_snapshots (
  id bigint generated always as identity primary key,
  year int not null check (year between 1990 and 2200),
  model jsonb not null,
  published_by uuid references users (id) on delete set null,
  published_at timestamptz not null default now()
);
create index report_snapshots_year_idx on report_snapshots (year, published_at desc);

-- Reports count replies from their own index and take away those of spam or deleted
-- tickets, found through this small index.
create index tickets_excluded_idx on tickets (id) where deleted_at is not null or status = 'spam';

-- The monthly summary e-mail: one row per month sent, so several instances send it once.
create table report_summary_runs (
  month text primary key check (month ~ '^\d{4}-\d{2}$'),
  sent_at timestamptz not null default now(),
  recipients int not null check (recipients >= 0)
);
