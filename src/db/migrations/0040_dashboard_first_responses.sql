-- The dashboard of today (issue 18 §5) counts each agent's first responses of the day and
-- the week by the response's date: without this index that is a pass over every ticket.
create index tickets_first_response_idx on tickets (first_response_at)
  where first_response_at is not null;
