-- The last result of each mailbox's mail connection test (issue 15 §1): "Tester la connexion"
-- records whether its SMTP or IMAP server answered, and why not, so the set-up checklist and
-- the administrators' banner can say "en échec" until a test succeeds.
create table mail_connection_checks (
  mailbox_id uuid not null references mailboxes (id) on delete cascade,
  kind text not null check (kind in ('smtp', 'imap')),
  ok boolean not null,
  reason text,
  checked_at timestamptz not null default now(),
  primary key (mailbox_id, kind)
);
