-- Webhooks (issue 21 §3): administrators subscribe other systems to ticket events.
--
-- A subscription names a URL, its signing secret (Standard Webhooks, `whsec_…`, stored
-- encrypted with MAIL_CREDENTIALS_KEY like mail passwords), and filters: mailboxes and event
-- types (empty = all). It receives the events recorded after it was created
-- (`start_event_id`).
create table webhooks (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 120),
  url text not null check (length(url) between 1 and 2000),
  secret_encrypted text not null,
  mailbox_ids uuid[] not null default '{}',
  event_types text[] not null default '{}',
  enabled boolean not null default true,
  -- why it was switched off by Guichet ('failures'), null when on or switched off by hand
  disabled_reason text check (disabled_reason in ('failures')),
  disabled_at timestamptz,
  -- since when every attempt failed (null after a success)
  failing_since timestamptz,
  start_event_id bigint not null default 0,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The fan-out's position in ticket_events: one row, locked by the instance that fans out.
-- Events are read in (tx, id) order, and only those of transactions older than every one
-- still running: that order has no late arrivals (an id taken early may commit late, so
-- "id > last id" alone could skip one). A ticket's events keep their id order: its
-- deliveries leave in event id order.
create table webhook_cursor (
  id boolean primary key default true check (id),
  last_tx xid8 not null,
  last_event_id bigint not null
);
insert into webhook_cursor (last_tx, last_event_id)
  select coalesce(max(tx), '0'::xid8), coalesce(max(id), 0) from ticket_events;
create index ticket_events_tx_idx on ticket_events (tx, id);

-- One message per (subscription, event): its Standard Webhooks id is `msg_<id>`, the same on
-- every attempt. A test message has no event. Pending messages of one ticket leave in event order.
create table webhook_deliveries (
  id bigint generated always as identity primary key,
  webhook_id uuid not null references webhooks (id) on delete cascade,
  event_id bigint,
  ticket_id bigint,
  type text not null,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_status_code integer,
  last_error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create unique index webhook_deliveries_event_idx on webhook_deliveries (webhook_id, event_id)
  where event_id is not null;
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at, id)
  where status = 'pending';
create index webhook_deliveries_ticket_idx on webhook_deliveries (webhook_id, ticket_id, event_id)
  where status = 'pending';
create index webhook_deliveries_log_idx on webhook_deliveries (webhook_id, id desc);

-- Every attempt: the delivery log (response code, duration, error).
create table webhook_attempts (
  id bigint generated always as identity primary key,
  delivery_id bigint not null references webhook_deliveries (id) on delete cascade,
  webhook_id uuid not null references webhooks (id) on delete cascade,
  at timestamptz not null default now(),
  status_code integer,
  duration_ms integer not null,
  error text
);
create index webhook_attempts_webhook_idx on webhook_attempts (webhook_id, id desc);
create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, id);
