-- The live stream's source is the ticket event stream (issue 17): every write to a ticket
-- records its events in `ticket_events` (migration 0014, src/shared/ticket-events.ts), so the
-- triggers on tickets and messages (migrations 0006 and 0011) give way to one trigger on
-- `ticket_events`. `live_events`, its ids, kinds and readers stay as they were: 'message' for a
-- message that joined a thread, 'ticket' for any other change, 'presence' from heartbeats.
drop trigger messages_live on messages;
drop trigger tickets_live_insert on tickets;
drop trigger tickets_live_update on tickets;
drop function guichet_live_message();
drop function guichet_live_ticket();

create function guichet_live_ticket_event() returns trigger language plpgsql as $$
begin
  insert into live_events (mailbox_id, ticket_id, kind)
  values (new.mailbox_id, new.ticket_id,
    case when new.type = 'message.added' then 'message' else 'ticket' end);
  return null;
end $$;

-- A bulk writer (the history import) sets `guichet.bulk` to 'on' in its transaction and writes
-- one live event per mailbox itself, instead of one per row (as since migration 0011).
create trigger ticket_events_live after insert on ticket_events
  for each row when (current_setting('guichet.bulk', true) is distinct from 'on')
  execute function guichet_live_ticket_event();
