-- Issue 18 §2 (rest) and §4: a ticket snoozed or waiting for the customer's answer, and the
-- agents' notifications.
--
-- Snooze: the ticket waits (status pending, out of the open folders) until `snoozed_until`,
-- when the job `ticket-waits` makes it active again, or earlier when the customer answers.
-- Follow-up: when the customer has not answered by `follow_up_at`, the job sends the saved
-- reply `follow_up_reply_id` ('remind') or closes the ticket ('close'). Both are written by
-- src/domain/tickets/ticket-waits.ts and cleared in the transaction that fires or cancels them.
alter table tickets
  add column snoozed_until timestamptz,
  add column follow_up_at timestamptz,
  add column follow_up_action text check (follow_up_action in ('remind', 'close')),
  add column follow_up_reply_id uuid references saved_replies (id) on delete set null,
  add column follow_up_by uuid references users (id) on delete set null,
  add constraint tickets_follow_up_check
    check ((follow_up_at is null) = (follow_up_action is null));
create index tickets_snoozed_idx on tickets (snoozed_until) where snoozed_until is not null;
create index tickets_follow_up_idx on tickets (follow_up_at) where follow_up_at is not null;

-- An agent's notifications (issue 18 §4), written by the consumer of the ticket event stream
-- (src/domain/notifications/notify-job.ts), one per user and event and kind.
create table notifications (
  id bigint generated always as identity primary key,
  user_id uuid not null references users (id) on delete cascade,
  event_id bigint not null,
  kind text not null
    check (kind in ('new_ticket', 'assigned', 'customer_reply', 'mention', 'target')),
  ticket_id bigint not null references tickets (id) on delete cascade,
  mailbox_id uuid not null,
  -- what the kind needs besides the ticket: the author of a mention, a due time
  data jsonb not null default '{}',
  created_at timestamptz not null default now(),
  read_at timestamptz,
  -- by e-mail: 'pending' until queued in the outbox (`outbox_id`), 'none' when not wanted
  mail text not null default 'none' check (mail in ('none', 'pending', 'queued')),
  outbox_id bigint,
  unique (user_id, event_id, kind)
);
create index notifications_user_idx on notifications (user_id, id desc);
create index notifications_unread_idx on notifications (user_id) where read_at is null;
create index notifications_mail_idx on notifications (user_id, created_at) where mail = 'pending';

-- Each user's choices; no row = the defaults (every kind in the app, mentions and targets by
-- e-mail at once).
create table notification_preferences (
  user_id uuid primary key references users (id) on delete cascade,
  app_kinds text[] not null,
  mail_kinds text[] not null,
  mail_mode text not null default 'immediate' check (mail_mode in ('immediate', 'digest')),
  digest_minutes integer not null default 30 check (digest_minutes between 5 and 1440),
  desktop boolean not null default true,
  updated_at timestamptz not null default now()
);

-- Where each consumer of the ticket event stream is (src/domain/notifications/event-window.ts):
-- every event of a transaction below `done_tx` is handled; in the window [done_tx, window_tx)
-- those up to `last_event_id`. The row is locked by the pass that moves it, so two instances
-- never handle an event twice. The notifications start from now, not from the history.
create table event_consumers (
  name text primary key,
  done_tx xid8 not null,
  window_tx xid8,
  last_event_id bigint not null default 0,
  updated_at timestamptz not null default now()
);
insert into event_consumers (name, done_tx) values ('notifications', pg_current_xact_id());

-- The live stream carries a user's new notifications (to that user only).
alter table live_events drop constraint live_events_kind_check;
alter table live_events add constraint live_events_kind_check
  check (kind in ('ticket', 'message', 'presence', 'notification'));

-- Notification mail goes through the outbox: such a row has no ticket.
alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check
  check (kind in ('reply', 'ack', 'account', 'notification'));
alter table outbox drop constraint outbox_account_check;
alter table outbox add constraint outbox_account_check check (
  (kind = 'account') = (account_token_id is not null)
  and (kind in ('account', 'notification') or ticket_id is not null)
);
alter table outbox add column notify_user_id uuid references users (id) on delete cascade;

-- The inbox rows (0034) gain the snooze and the follow-up, so the list shows them.
drop function guichet_inbox_rows(bigint[]);

create function guichet_inbox_rows(ids bigint[])
  returns table (
    ord bigint,
    id bigint,
    number bigint,
    mailbox_id uuid,
    subject text,
    status text,
    contact_id uuid,
    contact_name text,
    contact_email text,
    organisation_name text,
    assignee_id uuid,
    assignee_name text,
    tags text[],
    created_at timestamptz,
    last_message_at timestamptz,
    preview text,
    due_at timestamptz,
    due_kind text,
    snoozed_until timestamptz,
    follow_up_at timestamptz,
    follow_up_action text
  )
  language plpgsql stable
  set plan_cache_mode = force_generic_plan
  as $$
begin
  return query
  select f.ord, t.id, t.number, t.mailbox_id, t.subject, t.status,
      t.contact_id, c.name, c.email, o.name, t.assignee_id, u.name,
      array(select g.name from public.ticket_tags tt
        join public.tags g on g.id = tt.tag_id where tt.ticket_id = t.id order by g.name),
      t.created_at, t.last_message_at,
      (select left(m.body_text, 300) from public.messages m
        where m.ticket_id = t.id and m.kind in ('customer', 'reply')
        order by m.created_at desc, m.id desc limit 1),
      t.due_at, t.due_kind, t.snoozed_until, t.follow_up_at, t.follow_up_action
    from unnest(ids) with ordinality as f(ticket_id, ord)
    join public.tickets t on t.id = f.ticket_id
    left join public.contacts c on c.id = t.contact_id
    left join public.organisations o on o.id = t.organisation_id
    left join public.users u on u.id = t.assignee_id
    order by f.ord;
end
$$;
