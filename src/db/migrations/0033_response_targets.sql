-- Response targets (issue 18): what a mailbox promises (first response, next response,
-- resolution within a duration, in calendar or business hours), optionally narrowed to
-- tickets with a field value or to senders of an organisation type (the partner type).
--
-- A target is versioned: a change is a new version valid from its time, and a ticket keeps
-- the version valid when it was opened. Removing a target is a version that removes it.
create table response_targets (
  id uuid primary key default gen_random_uuid(),
  mailbox_id uuid not null references mailboxes (id) on delete cascade,
  -- narrowed to tickets holding this value of a field
  field_value_id uuid references field_values (id) on delete cascade,
  -- narrowed to tickets whose organisation has this partner type
  organisation_type_value_id uuid references field_values (id) on delete cascade,
  created_at timestamptz not null default now(),
  check (field_value_id is null or organisation_type_value_id is null)
);
create unique index response_targets_scope_idx on response_targets (mailbox_id,
  coalesce(field_value_id, '00000000-0000-0000-0000-000000000000'),
  coalesce(organisation_type_value_id, '00000000-0000-0000-0000-000000000000'));

create table response_target_versions (
  id bigint generated always as identity primary key,
  target_id uuid not null references response_targets (id) on delete cascade,
  valid_from timestamptz not null default now(),
  first_response_seconds integer check (first_response_seconds > 0),
  next_response_seconds integer check (next_response_seconds > 0),
  resolution_seconds integer check (resolution_seconds > 0),
  business_hours boolean not null default false,
  -- the assignee is warned this long before a due time
  warn_before_seconds integer not null default 0 check (warn_before_seconds >= 0),
  removed boolean not null default false,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index response_target_versions_target_idx
  on response_target_versions (target_id, valid_from desc, id desc);

-- Every open ticket under a target carries its due time: the earliest of its pending first
-- response, next response and resolution. Written by src/domain/tickets/ticket-due-times.ts in
-- the transaction of the events that change it. due_sort orders the inbox (no due time: last).
alter table tickets
  add column due_at timestamptz,
  add column due_kind text check (due_kind in ('first_response', 'next_response', 'resolution')),
  add column due_sort timestamptz
    generated always as (coalesce(due_at, '9999-12-31 00:00:00+00'::timestamptz)) stored;
-- every folder sorted by due time walks it (closed tickets, without a due time, come last)
create index tickets_due_idx on tickets (due_sort, id);

-- The detail of a ticket's due time and its escalation state (one row per ticket with a due
-- time). warned_due_at / missed_due_at: the due time already warned of / escalated, so that
-- each happens once per due time, whatever the number of instances.
create table ticket_due_times (
  ticket_id bigint primary key references tickets (id) on delete cascade,
  mailbox_id uuid not null,
  target_version_id bigint not null references response_target_versions (id) on delete cascade,
  due_kind text not null check (due_kind in ('first_response', 'next_response', 'resolution')),
  due_at timestamptz not null,
  warn_at timestamptz not null,
  first_response_due_at timestamptz,
  next_response_due_at timestamptz,
  resolution_due_at timestamptz,
  warned_due_at timestamptz,
  missed_due_at timestamptz
);
create index ticket_due_times_warn_idx on ticket_due_times (warn_at)
  where warned_due_at is distinct from due_at;
create index ticket_due_times_missed_idx on ticket_due_times (due_at)
  where missed_due_at is distinct from due_at;
