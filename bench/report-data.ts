/**
 * Bench data for reports: N tickets spread evenly over ten years, written by
 * set-based SQL (generate_series) so a million tickets take a minute, not an
 * hour. Each ticket has a customer message and a reply (stored first-response
 * facts from 1 min to 2 days), about 2 % have no response, 1 % are spam; every
 * field gets a value except on 2 % of tickets; one reply in ten is rated.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { applyDefaultConfiguration } from '../src/domain/configuration/apply-default-config.ts';

/** Fills an empty, migrated database; returns the last year of data. */
export async function generateReportData(
  db: Kysely<DB>,
  tickets: number,
  firstYear: number,
): Promise<number> {
  await applyDefaultConfiguration(db);
  const lastYear = firstYear + 9;
  const from = `${firstYear}-01-01T00:00:00Z`;
  const to = `${lastYear + 1}-01-01T00:00:00Z`;
  const batch = 200_000;
  for (let start = 1; start <= tickets; start += batch) {
    const end = Math.min(tickets, start + batch - 1);
    await sql`
      insert into tickets (mailbox_id, status, subject, channel, created_at, last_message_at,
        first_response_at, first_response_seconds, first_response_business_seconds, closed_at, source, source_id)
      select
        case when i % 100 < 55 then p.id else a.id end,
        case when i % 100 = 7 then 'spam' else 'closed' end,
        'Bench', 'import', s.at, s.at,
        case when i % 50 = 1 then null else s.at + make_interval(secs => s.delay) end,
        case when i % 50 = 1 then null else s.delay end,
        case when i % 50 = 1 then null else s.delay / 3 end,
        s.at + interval '3 days', 'bench', i::text
      from generate_series(${start}::int, ${end}::int) as i
      cross join lateral (
        select ${from}::timestamptz + ((i::float8 / ${tickets}) * (${to}::timestamptz - ${from}::timestamptz)) as at,
          (60 + (i::bigint * 7919) % 172800)::int as delay
      ) s
      cross join (select id from mailboxes where slug = 'partenaires') p
      cross join (select id from mailboxes where slug = 'demandeurs') a`.execute(db);
  }
  await sql`
    insert into messages (ticket_id, mailbox_id, kind, created_at, body_text)
    select id, mailbox_id, 'customer', created_at, 'Bonjour' from tickets where source = 'bench'
    union all
    select id, mailbox_id, 'reply', first_response_at, 'Réponse' from tickets
      where source = 'bench' and first_response_at is not null`.execute(db);
  await sql`
    insert into ticket_field_values (ticket_id, field_id, value_id, auto_filled)
    select t.id, f.id, v.ids[1 + ((t.id / 3 + f.position * 13) % array_length(v.ids, 1))], false
    from tickets t
    join fields f on f.mailbox_id = t.mailbox_id
    cross join lateral (select array_agg(id order by position) as ids from field_values where field_id = f.id) v
    where t.source = 'bench' and t.id % 50 <> 0`.execute(db);
  await sql`
    insert into ratings (message_id, ticket_id, level, rated_at)
    select m.id, m.ticket_id,
      case m.id % 10 when 0 then 'not_good' when 1 then 'okay' else 'great' end, m.created_at
    from messages m where m.kind = 'reply' and m.id % 10 = 3`.execute(db);
  // what autovacuum does on a live server: statistics, and the visibility map for index-only scans
  await sql`vacuum analyze`.execute(db);
  return lastYear;
}
