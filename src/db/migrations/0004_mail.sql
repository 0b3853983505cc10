-- The e-mail channel (issue 5): per-mailbox mail settings, IMAP cursors, the
-- outbound outbox (a job table claimed with FOR UPDATE SKIP LOCKED) and the
-- dead-letter list of inbound mail that could not be processed.

-- One row per mailbox that sends or receives mail. Passwords are encrypted
-- (AES-256-GCM, key MAIL_CREDENTIALS_KEY from the environment): `v1:iv:tag:data`.
create table mailbox_mail_settings (
  mailbox_id uuid primary key references mailboxes (id) on delete cascade,
  imap_enabled boolean not null default false,
  imap_host text,
  imap_port int check (imap_port between 1 and 65535),
  imap_tls boolean not null default true,
  imap_user text,
  imap_password_enc text,
  imap_folder text not null default 'INBOX',
  smtp_host text,
  smtp_port int check (smtp_port between 1 and 65535),
  smtp_tls boolean not null default false,
  smtp_user text,
  smtp_password_enc text,
  signature text check (length(signature) <= 5000),
  ack_enabled boolean not null default false,
  ack_subject text check (length(ack_subject) <= 300),
  ack_body text check (length(ack_body) <= 20000),
  -- a customer reply to a closed ticket reopens it within this delay, else opens a linked ticket
  reopen_days int not null default 7 check (reopen_days between 0 and 3650),
  updated_at timestamptz not null default now()
);

-- IMAP position per mailbox and folder. A changed UIDVALIDITY means a full
-- rescan (deduplicated by Message-ID). `lease_until` lets one worker at a time sync.
create table imap_cursors (
  mailbox_id uuid not null references mailboxes (id) on delete cascade,
  folder text not null,
  uidvalidity bigint not null,
  last_uid bigint not null default 0,
  lease_owner text,
  lease_until timestamptz,
  updated_at timestamptz not null default now(),
  primary key (mailbox_id, folder)
);

-- Outgoing mail. The row is written in the same transaction as the reply
-- message, with its Message-ID fixed then; workers claim rows with
-- SELECT … FOR UPDATE SKIP LOCKED. Delivery is at least once: a retry after an
-- ambiguous SMTP outcome reuses the same Message-ID.
create table outbox (
  id bigint generated always as identity primary key,
  mailbox_id uuid not null references mailboxes (id),
  ticket_id bigint not null references tickets (id) on delete cascade,
  -- the reply message (kind 'reply'); null for acknowledgements
  message_id bigint references messages (id) on delete cascade,
  kind text not null check (kind in ('reply', 'ack')),
  rfc_message_id text not null unique,
  to_address text not null,
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
create index outbox_due_idx on outbox (next_attempt_at) where status in ('queued', 'sending');
create index outbox_ack_idx on outbox (to_address, created_at) where kind = 'ack';
create index outbox_ticket_idx on outbox (ticket_id);

-- Inbound mail that could not be processed (parser error, oversized, unmatched
-- delivery report): the raw bytes stay in the blob store; supervisors reprocess.
create table dead_letters (
  id bigint generated always as identity primary key,
  mailbox_id uuid references mailboxes (id) on delete cascade,
  raw_sha256 text not null check (raw_sha256 ~ '^[0-9a-f]{64}$'),
  source text not null check (source in ('smtp', 'imap', 'reprocess')),
  reason text not null,
  attempts int not null default 1,
  received_at timestamptz not null default now(),
  resolved_at timestamptz,
  unique (mailbox_id, raw_sha256)
);
create index dead_letters_open_idx on dead_letters (received_at) where resolved_at is null;

-- The acknowledgement rate limit and bounce matching look mail up by outbox fields (indexes
-- above); threading uses messages_message_id_key and participants messages_ticket_idx.
