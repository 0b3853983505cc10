/**
 * The figures of SPEC §4 computed by SQL from what an import stored, in the
 * shape the generator's intended figures have, so tests compare them whole.
 */
import { type Kysely, sql } from 'kysely';
import type { IntendedFigures, MailboxSlug } from '../../bench/helpscout-export.ts';
import type { DB } from '../../src/db/schema.ts';

/** The same shape as the generator's intended figures of one mailbox, so tests compare them whole. */
export type StoredFigures = IntendedFigures['byMailbox'][MailboxSlug];

const counted = sql`t.deleted_at is null and t.status <> 'spam'`;

/** Reads the figures of one mailbox (by slug) from the database. */
export async function storedFigures(db: Kysely<DB>, slug: MailboxSlug): Promise<StoredFigures> {
  const mailbox = await db
    .selectFrom('mailboxes')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  const tickets = await sql<{ month: string; n: number }>`
    select to_char(t.created_at at time zone 'Europe/Paris', 'YYYY-MM') as month, count(*)::int as n
    from tickets t where t.mailbox_id = ${mailbox.id} and ${counted} group by 1`.execute(db);
  const replies = await sql<{ month: string; n: number }>`
    select to_char(m.created_at at time zone 'Europe/Paris', 'YYYY-MM') as month, count(*)::int as n
    from messages m join tickets t on t.id = m.ticket_id
    where m.mailbox_id = ${mailbox.id} and m.kind = 'reply' and ${counted} group by 1`.execute(db);
  const response = await sql<StoredFigures['firstResponse']>`
    select count(*)::int as tickets,
      count(t.first_response_seconds)::int as responded,
      (count(*) filter (where t.first_response_seconds < 3600))::int as "under1h",
      (count(*) filter (where t.first_response_seconds < 7200))::int as "under2h",
      (count(*) filter (where t.first_response_seconds < 86400))::int as "under24h"
    from tickets t where t.mailbox_id = ${mailbox.id} and ${counted}`.execute(db);
  const ratings = await sql<{ month: string; level: 'great' | 'okay' | 'not_good'; n: number }>`
    select to_char(m.created_at at time zone 'Europe/Paris', 'YYYY-MM') as month, r.level, count(*)::int as n
    from ratings r join messages m on m.id = r.message_id join tickets t on t.id = r.ticket_id
    where t.mailbox_id = ${mailbox.id} and ${counted} group by 1, 2`.execute(db);
  const departements = await sql<{ label: string; n: number }>`
    select v.label, count(*)::int as n
    from tickets t
    join ticket_field_values tv on tv.ticket_id = t.id
    join fields f on f.id = tv.field_id and f.key = 'departement'
    join field_values v on v.id = tv.value_id
    where t.mailbox_id = ${mailbox.id} and ${counted} group by 1`.execute(db);
  const byMonth: StoredFigures['ratings'] = {};
  for (const row of ratings.rows) {
    const month = byMonth[row.month] ?? { great: 0, okay: 0, not_good: 0 };
    month[row.level] = row.n;
    byMonth[row.month] = month;
  }
  return {
    tickets: Object.fromEntries(tickets.rows.map((r) => [r.month, r.n])),
    replies: Object.fromEntries(replies.rows.map((r) => [r.month, r.n])),
    firstResponse: response.rows[0] ?? {
      tickets: 0,
      responded: 0,
      under1h: 0,
      under2h: 0,
      under24h: 0,
    },
    ratings: byMonth,
    departements: Object.fromEntries(departements.rows.map((r) => [r.label, r.n])),
  };
}

type TableCounts = Record<
  | 'tickets'
  | 'messages'
  | 'contacts'
  | 'ratings'
  | 'rating_history'
  | 'ticket_field_values'
  | 'field_values'
  | 'ticket_tags'
  | 'import_records',
  number
>;

/** Row counts of the tables an import writes: equal before and after = nothing changed. */
export async function tableCounts(db: Kysely<DB>): Promise<TableCounts> {
  const { rows } = await sql<TableCounts>`
    select (select count(*) from tickets)::int as tickets,
      (select count(*) from messages)::int as messages,
      (select count(*) from contacts)::int as contacts,
      (select count(*) from ratings)::int as ratings,
      (select count(*) from rating_history)::int as rating_history,
      (select count(*) from ticket_field_values)::int as ticket_field_values,
      (select count(*) from field_values)::int as field_values,
      (select count(*) from ticket_tags)::int as ticket_tags,
      (select count(*) from import_records)::int as import_records`.execute(db);
  const [counts] = rows;
  if (!counts) throw new Error('no counts');
  return counts;
}
