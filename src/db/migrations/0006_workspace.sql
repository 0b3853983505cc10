-- The agent workspace (issue 6): full-text search, live events, presence, saved replies.

-- Functions are named with their schema: index builds run with a restricted search_path.
-- unaccent() is only STABLE (it reads its dictionary by search path); an index needs an
-- IMMUTABLE expression, so this wrapper names the dictionary with its schema.
create function guichet_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- The searchable text of a message or a ticket subject: French stemming, accents ignored.
-- Bodies are cut at 200 000 characters (a tsvector is limited to 1 MB).
create function guichet_search_vector(head text, body text) returns tsvector
  language sql immutable parallel safe
  as $$ select to_tsvector('french'::regconfig,
    public.guichet_unaccent(coalesce(head, '') || ' ' || left(coalesce(body, ''), 200000))) $$;

-- A contact's name and address, the address also cut into words (jeanne, bailleur, ...).
create function guichet_contact_vector(name text, email text) returns tsvector
  language sql immutable parallel safe
  as $$ select to_tsvector('simple'::regconfig,
    public.guichet_unaccent(coalesce(name, '') || ' ' || coalesce(email, '') || ' '
      || split_part(coalesce(email, ''), '@', 2) || ' '
      || translate(coalesce(email, ''), '@.-_+', '     '))) $$;

-- Expression indexes: derived from the stored columns, so anonymising or erasing a
-- message, a subject or a contact also removes its words from the index.
create index messages_search_idx on messages using gin (public.guichet_search_vector(subject, body_text));
create index tickets_search_idx on tickets using gin (public.guichet_search_vector(subject, null));
create index contacts_search_idx on contacts using gin (public.guichet_contact_vector(name, email));

-- Inbox folders across every visible mailbox.
create index tickets_folder_idx on tickets (status, last_message_at desc, id desc)
  where deleted_at is null and merged_into_id is null;
create index tickets_merged_idx on tickets (merged_into_id) where merged_into_id is not null;

-- What changed, for the live stream: every app instance polls rows after the last id it
-- sent. Written by triggers so every writer (mail, replies, imports, the API) is seen.
-- Ids only, no content: nothing personal to erase. Rows older than a day are pruned.
create table live_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  mailbox_id uuid not null,
  ticket_id bigint,
  kind text not null check (kind in ('ticket', 'message', 'presence')),
  user_id uuid
);
create index live_events_at_idx on live_events (at);

create function guichet_live_message() returns trigger language plpgsql as $$
begin
  insert into live_events (mailbox_id, ticket_id, kind) values (new.mailbox_id, new.ticket_id, 'message');
  return null;
end $$;
create trigger messages_live after insert on messages
  for each row execute function guichet_live_message();

create function guichet_live_ticket() returns trigger language plpgsql as $$
begin
  insert into live_events (mailbox_id, ticket_id, kind) values (new.mailbox_id, new.id, 'ticket');
  return null;
end $$;
create trigger tickets_live_insert after insert on tickets
  for each row execute function guichet_live_ticket();
create trigger tickets_live_update after update of status, assignee_id, mailbox_id, subject,
  merged_into_id, deleted_at on tickets
  for each row execute function guichet_live_ticket();

-- Who has a ticket open, and whether they are typing a reply (heartbeats).
create table ticket_presence (
  ticket_id bigint not null references tickets (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  typing boolean not null default false,
  seen_at timestamptz not null default now(),
  primary key (ticket_id, user_id)
);

-- Saved replies (null mailbox = every mailbox), with {{variables}} filled in the composer.
create table saved_replies (
  id uuid primary key default gen_random_uuid(),
  mailbox_id uuid references mailboxes (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  body text not null check (length(body) between 1 and 20000),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index saved_replies_mailbox_idx on saved_replies (mailbox_id);
