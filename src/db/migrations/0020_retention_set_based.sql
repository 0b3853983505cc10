-- Retention and erasure, set-based (issue 16 §15): 40,006 tickets took 19 minutes.
--
-- 1. What the anonymisation looks up by content had no index: the contacts left without any
--    message (messages.author_contact_id) and the blobs still referenced by a raw mail
--    (messages.raw_sha256) were found by reading every message, once per batch.
create index messages_author_contact_idx on messages (author_contact_id)
  where author_contact_id is not null;
create index messages_raw_sha256_idx on messages (raw_sha256) where raw_sha256 is not null;

-- 2. Anonymising clears every text of its tickets at once and empties their search documents
--    itself (`guichet.anonymising` on in its transaction): the per-statement rebuild of each
--    ticket's document from its (now empty) messages is skipped there. Unchanged otherwise.
create or replace function guichet_messages_updated() returns trigger language plpgsql as $$
begin
  if current_setting('guichet.anonymising', true) = 'on' then
    return null;
  end if;
  perform public.guichet_refresh_ticket_documents(array(
    select n.ticket_id from new_rows n join old_rows o on o.id = n.id
      where n.ticket_id <> o.ticket_id or n.search_pending <> o.search_pending
        or n.subject is distinct from o.subject or n.body_text is distinct from o.body_text
    union
    select o.ticket_id from new_rows n join old_rows o on o.id = n.id
      where n.ticket_id <> o.ticket_id));
  return null;
end $$;
