-- The help centre's contact form tokens are single-use (issue 16 §5): the
-- nonce of a token is recorded when a message is sent with it, never when the
-- page is viewed; a second submission with the same token hits the primary key.
-- Rows are dead once the token would have expired anyway (housekeeping prunes them).
create table portal_form_nonces (
  nonce text primary key check (length(nonce) between 16 and 64),
  expires_at timestamptz not null
);
create index portal_form_nonces_expires_idx on portal_form_nonces (expires_at);
