-- Bulk writes (the history import) leave per-row work that can wait to a
-- background job, so a 200,000-conversation import is not slowed by French
-- stemming of every body or by a live event per row (issues 4 and 6).

-- A message written in bulk is searchable once the search backlog job has
-- derived its text (imported bodies are HTML only) and cleared this flag; the
-- search index covers only messages without it.
alter table messages add column search_pending boolean not null default false;

drop index messages_search_idx;
create index messages_search_idx on messages
  using gin (public.guichet_search_vector(subject, body_text)) where not search_pending;
create index messages_search_pending_idx on messages (id) where search_pending;

-- The words of an HTML body: scripts, styles and tags out, the common entities decoded.
create function guichet_html_text(html text) returns text
  language sql immutable parallel safe strict
  as $$ select btrim(regexp_replace(
    replace(replace(replace(replace(replace(replace(replace(
      regexp_replace(
        regexp_replace(regexp_replace(html,
          '<script[^>]*?>.*?</script\s*>', ' ', 'gi'), '<style[^>]*?>.*?</style\s*>', ' ', 'gi'),
        '<[^>]*>', ' ', 'g'),
      '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''),
      '&apos;', ''''), '&amp;', '&'),
    '\s+', ' ', 'g')) $$;

-- A bulk writer sets `guichet.bulk` to 'on' in its transaction and writes one
-- live event per mailbox itself, instead of one per ticket and message.
drop trigger messages_live on messages;
create trigger messages_live after insert on messages
  for each row when (current_setting('guichet.bulk', true) is distinct from 'on')
  execute function guichet_live_message();
drop trigger tickets_live_insert on tickets;
create trigger tickets_live_insert after insert on tickets
  for each row when (current_setting('guichet.bulk', true) is distinct from 'on')
  execute function guichet_live_ticket();
drop trigger tickets_live_update on tickets;
create trigger tickets_live_update after update of status, assignee_id, mailbox_id, subject,
  merged_into_id, deleted_at on tickets
  for each row when (current_setting('guichet.bulk', true) is distinct from 'on')
  execute function guichet_live_ticket();
