-- The numéro unique of a housing demand as a ticket attribute (issue 20 §3): the numbers
-- written in a ticket's messages (subject, body, form) and those an agent added by hand.
-- Several per ticket; searched exactly (the index on numero); erased with the ticket's
-- personal content (retention, a person's erasure).
create table ticket_demand_numbers (
  ticket_id bigint not null references tickets (id) on delete cascade,
  -- the 18-character canonical form: capitals, no separators (src/shared/numero-unique.ts)
  numero text not null check (numero ~ '^[0-9]{2}[0-9AB][0-9]{10}[0-9A-Z]{5}$'),
  -- 'text': recognised in a message; 'agent': added by hand
  source text not null check (source in ('text', 'agent')),
  -- the message it was read in (null when added by hand)
  message_id bigint references messages (id) on delete set null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (ticket_id, numero)
);
create index ticket_demand_numbers_numero_idx on ticket_demand_numbers (numero);
