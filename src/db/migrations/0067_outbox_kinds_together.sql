-- The outbox's kinds as three features added them at once (issues 18, 19, 21): each of
-- migrations 0036 (notification), 0049 (notice) and 0056 (forward) rewrote the kind check
-- from the kinds it knew, the last one winning. Here they are all allowed together, with
-- the rules of 0036 and 0049 on which rows have a ticket, a token or a notice's texts.
alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check
  check (kind in ('reply', 'ack', 'account', 'notification', 'notice', 'forward'));
alter table outbox drop constraint outbox_account_check;
alter table outbox add constraint outbox_account_check check (
  (kind = 'account') = (account_token_id is not null)
  and (kind in ('account', 'notification', 'notice') or ticket_id is not null)
  and (kind = 'notice') = (notice_subject is not null and notice_text is not null)
);
