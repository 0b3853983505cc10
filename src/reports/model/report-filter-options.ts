/**
 * What the report filters offer: mailboxes with their fields and values
 * (merged values left out: they count under the value they became),
 * organisations, and the years that have tickets (the period picker lists
 * those and opens on the latest).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ReportFiltersDto } from '../../shared/contracts.ts';

/**
 * The years, in Paris time, that have tickets counted by the reports (spam,
 * deleted and merged tickets left out) in `mailboxIds`, newest first.
 */
export async function reportYears(db: Kysely<DB>, mailboxIds: string[]): Promise<number[]> {
  if (mailboxIds.length === 0) return [];
  const { rows } = await sql<{ year: number }>`
    select distinct extract(year from t.created_at at time zone 'Europe/Paris')::int as year
    from tickets t
    where t.mailbox_id = any(${mailboxIds}::uuid[])
      and t.deleted_at is null and t.status <> 'spam' and t.merged_into_id is null
    order by year desc`.execute(db);
  return rows.map((row) => Number(row.year));
}

/** The filter choices of the reports page, within the mailboxes `visible` (slugs) names. */
export async function reportFilterOptions(
  db: Kysely<DB>,
  visible: 'all' | string[],
): Promise<ReportFiltersDto> {
  const [allMailboxes, fields, values, organisations] = await Promise.all([
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
  ]);
  const mailboxes = allMailboxes.filter((m) => visible === 'all' || visible.includes(m.slug));
  const years = await reportYears(
    db,
    mailboxes.map((m) => m.id),
  );
  return {
    mailboxes: mailboxes.map((m) => ({
      slug: m.slug,
      name: m.name,
      fields: fields
        .filter((f) => f.mailbox_id === m.id)
        .map((f) => ({
          id: f.id,
          key: f.key,
          label: f.label,
          values: values
            .filter((v) => v.field_id === f.id)
            .map((v) => ({ id: v.id, label: v.label })),
        })),
    })),
    organisations,
    years,
  };
}
