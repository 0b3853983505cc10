/**
 * Which response-target version governs a ticket (issue 18), as a SQL lateral
 * subquery: the most specific target of its mailbox (narrowed by a field value the
 * ticket holds or by its organisation's partner type, before the mailbox-wide
 * one), in the version valid when the ticket was opened; none when removed.
 * The same rule as the due times (ticket-due-times.ts), for readers of past
 * tickets: the report's "Respect des objectifs de réponse" and the dashboard.
 */
import { type RawBuilder, sql } from 'kysely';

/**
 * `select v.* …` of the version governing the ticket aliased `t` (use inside
 * `left join lateral (…) v on true`).
 */
export function applicableTargetVersion(): RawBuilder<unknown> {
  return sql`
    select v.* from response_targets rt
    join lateral (select * from response_target_versions x
        where x.target_id = rt.id and x.valid_from <= t.created_at
        order by x.valid_from desc, x.id desc limit 1) v on true
    where rt.mailbox_id = t.mailbox_id and not v.removed
      and (rt.field_value_id is null or exists (select 1 from ticket_field_values tfv
        where tfv.ticket_id = t.id and tfv.value_id = rt.field_value_id))
      and (rt.organisation_type_value_id is null or exists (select 1 from organisations o
        where o.id = t.organisation_id
          and o.partner_type_value_id = rt.organisation_type_value_id))
    order by (rt.field_value_id is not null or rt.organisation_type_value_id is not null) desc,
      rt.created_at, rt.id
    limit 1`;
}
