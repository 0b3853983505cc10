-- The inbox rows (migration 0016) gain the ticket's due time (issue 18), so the list shows
-- "à répondre dans 23 min". The same function with two more columns.
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
    preview text,
    due_at timestamptz,
    due_kind text
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
        order by m.created_at desc, m.id desc limit 1),
      t.due_at, t.due_kind
    from unnest(ids) with ordinality as f(ticket_id, ord)
    join public.tickets t on t.id = f.ticket_id
    left join public.contacts c on c.id = t.contact_id
    left join public.organisations o on o.id = t.organisation_id
    left join public.users u on u.id = t.assignee_id
    order by f.ord;
end
$$;
