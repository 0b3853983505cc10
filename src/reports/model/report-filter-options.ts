/**
 * What the report filters offer: mailboxes with their fields and values
 * (merged values left out: they count under the value they became),
 * organisations, and the years that have tickets (the period picker lists
 * those and opens on the latest).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ReportFilterRows } from '../../presenters/report-filters.ts';

/** The rows the filter choices are made of, each list in its display order (presenters/report-filters.ts shapes them). */
export async function reportFilterRows(db: Kysely<DB>): Promise<ReportFilterRows> {
  const [mailboxes, fields, values, organisations, years] = await Promise.all([
    db
      .selectFrom('mailboxes')
      .select(['id', 'slug', 'name'])
      .where('archived_at', 'is', null)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('fields')
      .select(['id', 'mailbox_id', 'key', 'label'])
      .where('archived_at', 'is', null)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('field_values')
      .select(['id', 'field_id', 'label'])
      .where('merged_into_id', 'is', null)
      .orderBy('position')
      .execute(),
    db.selectFrom('organisations').select(['id', 'name']).orderBy('name').limit(5000).execute(),
    reportYears(db),
  ]);
  return { mailboxes, fields, values, organisations, years };
}

/**
 * The years, in Paris time, that have tickets counted by the reports (spam,
 * deleted and merged tickets left out), per mailbox, newest first.
 */
async function reportYears(db: Kysely<DB>): Promise<ReportFilterRows['years']> {
  const { rows } = await sql<{ mailbox_id: string; year: number }>`
    select distinct t.mailbox_id, extract(year from t.created_at at time zone 'Europe/Paris')::int as year
    from tickets t
    where t.deleted_at is null and t.status <> 'spam' and t.merged_into_id is null
    order by year desc`.execute(db);
  return rows.map((row) => ({ mailbox_id: row.mailbox_id, year: Number(row.year) }));
}
