-- Ticket events (issue 17): every write to a ticket records what happened, in the same
-- transaction, in one append-only table whose id only grows. It feeds the live stream, the
-- audit log where it applies, and the consumers of later issues (response targets,
-- notifications, automation rules, webhooks). The contract of `type` and `data` is
-- src/shared/ticket-events.ts.
--
-- Ids only, no content (no text, no address, no name): nothing personal to erase.
--
-- Ids are taken when a row is inserted but become visible when its transaction commits, so a
-- reader that goes "after the last id I saw" could skip a row committed late with a smaller id.
-- `tx` is the writing transaction's id: a reader only reads rows whose transaction is older than
-- every transaction still running (pg_snapshot_xmin), which are all committed or gone.
create table ticket_events (
  id bigint generated always as identity primary key,
  tx xid8 not null default pg_current_xact_id(),
  at timestamptz not null default now(),
  ticket_id bigint not null,
  mailbox_id uuid not null,
  type text not null,
  -- who did it: a user, the customer (contact), Guichet itself, an automation rule, an import
  actor_kind text not null check (actor_kind in ('user', 'contact', 'system', 'rule', 'import')),
  actor_user_id uuid,
  -- the automation rule that acted (issue 19), when actor_kind = 'rule'
  actor_rule_id uuid,
  data jsonb not null default '{}'
);
create index ticket_events_ticket_idx on ticket_events (ticket_id, id);
create index ticket_events_at_idx on ticket_events (at);

-- Append-only: rows are never changed (old rows may be pruned or removed with their ticket).
create function guichet_ticket_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'ticket_events is append-only';
end $$;
create trigger ticket_events_no_update before update on ticket_events
  for each row execute function guichet_ticket_events_append_only();
