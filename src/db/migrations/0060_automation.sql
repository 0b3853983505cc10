-- Automation rules and macros (issue 19 §3–§4).
--
-- A rule (supervisors): a trigger, conditions that must all hold, actions, in `position`
-- order; `stop` ends the run of rules on that ticket. Trigger, conditions and actions are
-- jsonb checked by src/shared/automation-contracts.ts (zod) before they are written.
create table automation_rules (
  id uuid primary key default gen_random_uuid(),
  position integer not null,
  name text not null check (length(name) between 1 and 200),
  enabled boolean not null default false,
  trigger jsonb not null,
  conditions jsonb not null default '[]',
  actions jsonb not null default '[]',
  stop boolean not null default false,
  -- the last action that could not be done (a closed ticket needing a field, …)
  last_error text,
  last_error_at timestamptz,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index automation_rules_position_idx on automation_rules (position, id);

-- Where the rules' reading of ticket_events stands (one row). A pass locks it, acts, moves it,
-- in one transaction: each event is handled once, whatever the number of instances. It starts
-- at the newest event: rules never replay the history that existed before them.
create table automation_cursor (
  id integer primary key check (id = 1),
  last_event_id bigint not null
);
insert into automation_cursor (id, last_event_id)
  select 1, coalesce(max(id), 0) from ticket_events;

-- A time condition (waiting N hours, pending N days) fires once per rule, ticket and anchor
-- (the instant the waiting or pending began): the row's primary key makes it once.
create table automation_firings (
  rule_id uuid not null references automation_rules (id) on delete cascade,
  ticket_id bigint not null references tickets (id) on delete cascade,
  anchor timestamptz not null,
  fired_at timestamptz not null default now(),
  primary key (rule_id, ticket_id, anchor)
);
create index automation_firings_ticket_idx on automation_firings (ticket_id);

-- Round-robin: the agent a rule gave the last ticket to (the next one goes to the next agent).
create table automation_round_robin (
  rule_id uuid primary key references automation_rules (id) on delete cascade,
  last_user_id uuid
);

-- Macros: a named set of actions an agent applies in one click or one key. Shared ones
-- (owner_user_id null) are written by supervisors; an agent may keep personal ones.
create table macros (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  mailbox_id uuid references mailboxes (id) on delete cascade,
  owner_user_id uuid references users (id) on delete cascade,
  actions jsonb not null default '[]',
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index macros_owner_idx on macros (owner_user_id);
