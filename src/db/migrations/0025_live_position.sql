-- Issue 16 §16: a ticket that arrives while the inbox loads must not stay invisible. Live event
-- ids are taken at insert and become visible at commit, so "after the last id I saw" could skip
-- a row committed late with a smaller id. As for ticket_events (0014), `tx` is the writing
-- transaction: the live stream and the "live position" an answer is computed at only count rows
-- whose transaction is older than every transaction still running (pg_snapshot_xmin).
alter table live_events add column tx xid8 not null default pg_current_xact_id();
