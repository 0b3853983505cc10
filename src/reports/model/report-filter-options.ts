/**
 * What the report filters offer: mailboxes with their fields and values
 * (merged values left out: they count under the value they became), and
 * organisations.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ReportFiltersDto } from '../../shared/contracts.ts';

/** The filter choices of the reports page. */
export async function reportFilterOptions(db: Kysely<DB>): Promise<ReportFiltersDto> {
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
  };
}
