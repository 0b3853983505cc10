-- Which mailboxes each agent and viewer sees (issues 6 and 8). Supervisors and
-- admins see every mailbox. An agent or viewer with `all_mailboxes` sees every
-- mailbox too; otherwise only the mailboxes listed in `user_mailboxes`.
-- Every route, search and export that returns ticket data filters by this.

alter table users add column all_mailboxes boolean not null default true;

create table user_mailboxes (
  user_id uuid not null references users (id) on delete cascade,
  mailbox_id uuid not null references mailboxes (id) on delete cascade,
  primary key (user_id, mailbox_id)
);
create index user_mailboxes_mailbox_idx on user_mailboxes (mailbox_id);
