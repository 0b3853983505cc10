-- The rows of an inbox page (issue 6), for the tickets a page shows, in that
-- order: each ticket as the list shows it (contact, organisation, assignee, tags,
-- times), and the newest customer message or reply, from which the list makes
-- its preview.
--
-- The inbox's page query chooses its tickets with the filters and the search,
-- which is where a plan made for the values asked pays off (a rare organisation,
-- a common word); the rows of 51 known tickets are always the same primary-key
-- lookups. Planning those joins and subqueries with the choice of the tickets
-- cost about 0.8 ms per page on the server, more than running them: here they
-- are planned once per connection (a generic plan, kept by PL/pgSQL), and the
-- page query only plans its choice of tickets.
--
-- `item` is the ticket as the API gives it (TicketSummaryDto in
-- src/shared/workspace-contracts.ts), without its preview: the server masks
-- sensitive numbers in the preview, then adds it. Times are ISO 8601 texts in
-- UTC to the millisecond, as JavaScript's toISOString writes them. PostgreSQL
-- writes a JSON object on one line (a line break in a value is written \n), so
-- the page query joins the items with line breaks.
--
-- Stable: it reads with the snapshot of the query that calls it, so the rows
-- are those of the tickets as that query chose them.
create function guichet_inbox_rows(ids bigint[])
  returns table (ord bigint, id bigint, item text, preview text)
  language plpgsql stable
  set plan_cache_mode = force_generic_plan
  as $$
begin
  return query
  select f.ord, t.id,
      json_build_object(
        'id', t.id,
        'number', t.number,
        'mailboxId', t.mailbox_id,
        'subject', t.subject,
        'status', t.status,
        'contact', case when t.contact_id is not null
          then json_build_object('name', c.name, 'email', c.email) end,
        'organisationName', o.name,
        'assignee', case when t.assignee_id is not null and u.name is not null
          then json_build_object('id', t.assignee_id, 'name', u.name) end,
        'tags', array(select g.name from public.ticket_tags tt
          join public.tags g on g.id = tt.tag_id where tt.ticket_id = t.id order by g.name),
        'createdAt', to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'lastMessageAt',
          to_char(t.last_message_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      )::text,
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
