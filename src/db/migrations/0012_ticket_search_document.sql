-- Search by ticket (issue 6): one stored search document per ticket, made of its
-- subject, its contact's name and address and the text of its messages, with one
-- GIN index. A search is then one condition on the tickets themselves, which the
-- inbox can either walk in list order (a common word: the first page is found
-- after a few hundred tickets) or read from the index (a rare word, a numéro
-- unique), instead of a union over five million messages joined back to tickets.
--
-- The document is derived from the stored columns by the triggers below, so
-- anonymising or erasing a message, a subject or a contact also removes its
-- words from the search, as the expression indexes of migration 0006 did.

alter table tickets add column search_document tsvector;

-- The document of a ticket: the French words of its subject and messages (each
-- message cut at 50,000 characters, the whole at 200,000, so the document stays
-- well under the 1 MB limit of a tsvector), and the words of its contact as
-- `guichet_contact_vector` makes them. Messages waiting in the search backlog
-- (migration 0011) join once the backlog job has derived their text.
create function guichet_ticket_document(ticket bigint, head text, contact uuid) returns tsvector
  language sql stable parallel safe
  as $$ select public.guichet_search_vector(head, (
      select left(string_agg(left(coalesce(m.subject, '') || ' ' || coalesce(m.body_text, ''), 50000),
                             ' ' order by m.id), 200000)
      from public.messages m where m.ticket_id = ticket and not m.search_pending))
    || coalesce((select public.guichet_contact_vector(c.name, c.email)
                 from public.contacts c where c.id = contact), ''::tsvector) $$;

-- A ticket's own changes (a new ticket, a subject edited, another contact). A bulk
-- writer (the history import, migration 0011) skips this: its new tickets have no
-- document and it clears the document of those it changes; the search backlog job
-- makes them, with their messages' text.
create function guichet_ticket_document_row() returns trigger language plpgsql as $$
begin
  new.search_document := public.guichet_ticket_document(new.id, new.subject, new.contact_id);
  return new;
end $$;
create trigger tickets_search_document before insert or update of subject, contact_id on tickets
  for each row when (current_setting('guichet.bulk', true) is distinct from 'on')
  execute function guichet_ticket_document_row();

-- Rebuilds the documents of the given tickets.
create function guichet_refresh_ticket_documents(ids bigint[]) returns void
  language sql as $$
  update public.tickets t
  set search_document = public.guichet_ticket_document(t.id, t.subject, t.contact_id)
  where t.id = any(ids) $$;

-- Messages written: once per statement, each ticket concerned rebuilt once (bulk
-- writes store theirs as search_pending: the backlog job's update below rebuilds them).
create function guichet_messages_inserted() returns trigger language plpgsql as $$
begin
  perform public.guichet_refresh_ticket_documents(array(
    select distinct ticket_id from new_rows where not search_pending));
  return null;
end $$;
create trigger messages_search_document_insert after insert on messages
  referencing new table as new_rows
  for each statement execute function guichet_messages_inserted();

-- Messages changed, moved (merge, split), cleared from the backlog or removed: once
-- per statement, each ticket concerned rebuilt once.
create function guichet_messages_updated() returns trigger language plpgsql as $$
begin
  perform public.guichet_refresh_ticket_documents(array(
    select n.ticket_id from new_rows n join old_rows o on o.id = n.id
      where n.ticket_id <> o.ticket_id or n.search_pending <> o.search_pending
        or n.subject is distinct from o.subject or n.body_text is distinct from o.body_text
    union
    select o.ticket_id from new_rows n join old_rows o on o.id = n.id
      where n.ticket_id <> o.ticket_id));
  return null;
end $$;
create function guichet_messages_deleted() returns trigger language plpgsql as $$
begin
  perform public.guichet_refresh_ticket_documents(array(select distinct ticket_id from old_rows));
  return null;
end $$;
create trigger messages_search_document_update after update on messages
  referencing old table as old_rows new table as new_rows
  for each statement execute function guichet_messages_updated();
create trigger messages_search_document_delete after delete on messages
  referencing old table as old_rows
  for each statement execute function guichet_messages_deleted();

-- A contact renamed, readdressed or erased: its tickets' documents follow.
create function guichet_contact_changed() returns trigger language plpgsql as $$
begin
  perform public.guichet_refresh_ticket_documents(array(
    select t.id from public.tickets t where t.contact_id = new.id));
  return null;
end $$;
create trigger contacts_search_document after update of name, email on contacts
  for each row when (old.name is distinct from new.name or old.email is distinct from new.email)
  execute function guichet_contact_changed();

update tickets set search_document = guichet_ticket_document(id, subject, contact_id);

-- The per-message and per-subject indexes are replaced by this one.
drop index messages_search_idx;
drop index tickets_search_idx;
create index tickets_document_idx on tickets using gin (search_document);
create index tickets_document_pending_idx on tickets (id) where search_document is null;
-- Finer statistics of the words, so that the planner knows the common ones.
alter table tickets alter column search_document set statistics 1000;

-- The list across every status (folder "Tous", and a search's walk), newest first.
create index tickets_recent_idx on tickets (last_message_at desc, id desc)
  where deleted_at is null and merged_into_id is null;

-- The folder counts (open tickets by status and assignee, in the visible mailboxes)
-- read from this index alone, without the table.
create index tickets_open_idx on tickets (status, assignee_id, mailbox_id)
  where deleted_at is null and merged_into_id is null and status in ('active', 'pending');
