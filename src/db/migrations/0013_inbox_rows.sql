-- The rows of an inbox page (issue 6), for the tickets a page shows, in that
-- order: what the list displays of each (contact, organisation, assignee, the
-- newest customer message or reply as a preview, the tags).
--
-- The inbox's page query chooses its tickets with the filters and the search,
-- which is where a plan made for the values asked pays off (a rare organisation,
-- a common word); the rows of 51 known tickets are always the same primary-key
-- lookups. Planning those joins and subqueries with the choice of the tickets
-- cost about 0.8 ms per page on the server, more than running them: here they
-- are planned once per connection (a generic plan, kept by PL/pgSQL), and the
-- page query only plans its choice of tickets.
--
-- The times are ISO 8601 texts in UTC to the millisecond, as JavaScript's
-- toISOString writes them: the list shows them as they are, with no date parsed
-- and printed again for each row.
--
-- Stable: it reads with the snapshot of the query that calls it, so the rows
-- are those of the tickets as that query chose them.
create function guichet_inbox_rows(ids bigint[])
  returns table (
    ord bigint,
    id bigint,
    number bigint,
    mailbox_id uuid,
    subject text,
    status text,
    created_at text,
    last_message_at text,
    assignee_id uuid,
    assignee_name text,
    contact_id uuid,
    contact_name text,
    contact_email text,
    organisation_name text,
    preview text,
    tags text[]
  )
  language plpgsql stable
  set plan_cache_mode = force_generic_plan
  as $$
begin
  return query
  select f.ord, t.id, t.number, t.mailbox_id, t.subject, t.status,
      to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      to_char(t.last_message_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      t.assignee_id, u.name, t.contact_id, c.name, c.email, o.name,
      (select left(m.body_text, 300) from public.messages m
        where m.ticket_id = t.id and m.kind in ('customer', 'reply')
        order by m.created_at desc, m.id desc limit 1),
      (select coalesce(array_agg(g.name order by g.name), '{}') from public.ticket_tags tt
        join public.tags g on g.id = tt.tag_id where tt.ticket_id = t.id)
    from unnest(ids) with ordinality as f(ticket_id, ord)
    join public.tickets t on t.id = f.ticket_id
    left join public.contacts c on c.id = t.contact_id
    left join public.organisations o on o.id = t.organisation_id
    left join public.users u on u.id = t.assignee_id
    order by f.ord;
end
$$;
