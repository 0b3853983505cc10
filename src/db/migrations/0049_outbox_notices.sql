-- Notices to administrators through the outbox (issue 21 §3: a webhook switched off after
-- repeated failures): a row with its own subject and text, no ticket, no token.
alter table outbox add column notice_subject text;
alter table outbox add column notice_text text;
alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check
  check (kind in ('reply', 'ack', 'account', 'notice'));
alter table outbox drop constraint outbox_account_check;
alter table outbox add constraint outbox_account_check check (
  (kind = 'account') = (account_token_id is not null)
  and (kind in ('account', 'notice') or ticket_id is not null)
  and (kind = 'notice') = (notice_subject is not null and notice_text is not null)
);
