-- The complete composer (issue 19 §1–§2).
--
-- * A ticket opened by an agent's e-mail (a new conversation) has the channel
--   'outbound': counted apart, like a phone call's ticket (its channel).
-- * A forward (of a ticket or one message) is an outbox row of kind 'forward'.
-- * A reply held for "Annuler l'envoi" waits in the outbox (next_attempt_at
--   in the future); withdrawn, its row becomes 'withdrawn' and is never sent.
-- * Replies keep their BCC (sent in the envelope only, never in a header).
-- * composer_uploads: files an agent attached (checked by their bytes, in the
--   blob store) before the reply that carries them is sent.
-- * composer_drafts: what an agent is writing on a ticket, saved while typing.
alter table tickets drop constraint tickets_channel_check;
alter table tickets add constraint tickets_channel_check
  check (channel in ('email', 'form', 'phone', 'import', 'api', 'outbound'));

alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check
  check (kind in ('reply', 'ack', 'account', 'forward'));
alter table outbox drop constraint outbox_status_check;
alter table outbox add constraint outbox_status_check
  check (status in ('queued', 'sending', 'sent', 'failed', 'withdrawn'));

alter table messages add column bcc_addresses text[] not null default '{}';

create table composer_uploads (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  ticket_id bigint not null references tickets (id) on delete cascade,
  filename text not null check (length(filename) between 1 and 120),
  content_type text not null,
  size_bytes int not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  -- a pasted image (shown in the body) rather than a file from the picker
  pasted boolean not null default false,
  -- set when a sent message took it (its attachments row then holds it)
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index composer_uploads_ticket_idx on composer_uploads (ticket_id, user_id);

create table composer_drafts (
  ticket_id bigint not null references tickets (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  mode text not null check (mode in ('reply', 'note')),
  body_html text not null default '' check (length(body_html) <= 200000),
  cc text[] not null default '{}',
  bcc text[] not null default '{}',
  upload_ids text[] not null default '{}',
  updated_at timestamptz not null default now(),
  primary key (ticket_id, user_id)
);
