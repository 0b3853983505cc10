-- The rows of an inbox page as plain columns (issue 17): the API's shape of a
-- ticket summary leaves the database. Migration 0013 wrote each summary as
-- JSON here, so changing the API's shape needed a migration. The shape is now
-- declared in src/presenters/ticket-summary.ts, which writes the
-- json_build_object of the page query (src/domain/inbox/list-inbox.ts) over
-- these columns when the server starts: PostgreSQL still writes the JSON, as
-- docs/adr/0009 measured, but from the presenter's declaration.
--
-- What stays here is why the function exists: the rows of 51 known tickets are
-- always the same primary-key lookups (contact, organisation, assignee, tags,
-- the newest customer message or reply), planned once per connection (a
-- generic plan, kept by PL/pgSQL) instead of with every page query. `preview`
-- is the newest message's first 300 characters; the server folds, cuts and
-- masks it.
--
-- Stable: it reads with the snapshot of the query that calls it, so the rows
-- are those of the tickets as that query chose them.
drop function guichet_inbox_rows(bigint[]);

create function guichet_inbox_rows(ids bigint[])
  returns table (
    ord bigint,
    id bigint,
    number bigint,
    mailbox_id uuid,
    subject text,
    status text,
    contact_id uuid,
    contact_name text,
    contact_email text,
    organisation_name text,
    assignee_id uuid,
    assignee_name text,
    tags text[],
    created_at timestamptz,
    last_message_at timestamptz,
    preview text
  )
  language plpgsql stable
  set plan_cache_mode = force_generic_plan
  as $$
begin
  return query
  select f.ord, t.id, t.number, t.mailbox_id, t.subject, t.status,
      t.contact_id, c.name, c.email, o.name, t.assignee_id, u.name,
      array(select g.name from public.ticket_tags tt
        join public.tags g on g.id = tt.tag_id where tt.ticket_id = t.id order by g.name),
      t.created_at, t.last_message_at,
      (select left(m.body_text, 300) from public.messages m
        where m.ticket_id = t.id and m.kind in ('customer', 'reply')
        order by m.created_at desc, m.id desc limit 1)
    from unnest(ids) with ordinality as f(ticket_id, ord)
    join public.tickets t on t.id = f.ticket_id
    left join public.contacts c on c.id = t.contact_id
    left join public.organisations o on o.id = t.organisation_id
    left join public.users u on u.id = t.assignee_id
    order by f.ord;
end
$$;
