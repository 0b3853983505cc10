-- Known incidents (issue 20 §2): a fault of the application declared once, the
-- tickets it causes linked to it, answered together, shown on the help centre and
-- the public status page while it lasts.
create table incidents (
  id uuid primary key default gen_random_uuid(),
  title text not null check (length(title) between 1 and 200),
  -- the affected module: a value of a mailbox's "module" field (null: not said)
  module_value_id uuid references field_values (id) on delete set null,
  -- what the public reads (help centre banner, /statut); plain text
  public_text text not null default '' check (length(public_text) <= 5000),
  -- the message sent to every linked ticket when it is resolved
  final_text text check (length(final_text) <= 20000),
  started_at timestamptz not null,
  resolved_at timestamptz,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (resolved_at is null or resolved_at >= started_at)
);
create index incidents_open_idx on incidents (started_at) where resolved_at is null;

create table incident_tickets (
  incident_id uuid not null references incidents (id) on delete cascade,
  ticket_id bigint not null references tickets (id) on delete cascade,
  -- null: linked by Guichet as the ticket arrived
  linked_by uuid references users (id) on delete set null,
  linked_at timestamptz not null default now(),
  -- the incident's answer and its final message, sent once per ticket
  answered_at timestamptz,
  final_sent_at timestamptz,
  primary key (incident_id, ticket_id)
);
create index incident_tickets_ticket_idx on incident_tickets (ticket_id);

-- where the linking job starts reading the ticket events: now
insert into settings (key, value)
select 'incidents.autolink', jsonb_build_object('cursor', coalesce(max(id), 0)) from ticket_events
on conflict (key) do nothing;
