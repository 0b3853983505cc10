-- Issue 16 §7: two agents editing one ticket. `version` is the id of the newest ticket event
-- recorded on the ticket by the shared write path (src/domain/tickets/events/record-events.ts),
-- so it grows with every write. The ticket view shows it; an agent's change carries the
-- version it saw, and a change whose ticket has moved on since (status, assignee, fields,
-- tags, merge) is refused with 409 `stale_ticket`, listing the events in between.
alter table tickets add column version bigint not null default 0;
