/**
 * What the report filters offer: mailboxes with their fields and values
 * (merged values left out: they count under the value they became), and
 * organisations.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ReportFilterRows } from '../../presenters/report-filters.ts';

/** The rows the filter choices are made of, each list in its display order (presenters/report-filters.ts shapes them). */
export async function reportFilterRows(db: Kysely<DB>): Promise<ReportFilterRows> {
  const [mailboxes, fields, values, organisations] = await Promise.all([
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
  return { mailboxes, fields, values, organisations };
}
