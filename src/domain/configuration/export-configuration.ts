import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ParsedConfigDocument } from './config-document.ts';

/**
 * Reads the whole configuration (mailboxes, addresses, fields, values with
 * their ids, settings) as a document that `importConfiguration` accepts.
 */
export async function exportConfiguration(db: Kysely<DB>): Promise<ParsedConfigDocument> {
  const [mailboxes, addresses, fields, values, settings] = await Promise.all([
    db.selectFrom('mailboxes').selectAll().orderBy('position').orderBy('slug').execute(),
    db.selectFrom('mailbox_addresses').selectAll().orderBy('address').execute(),
    db.selectFrom('fields').selectAll().orderBy('position').orderBy('key').execute(),
    db.selectFrom('field_values').selectAll().orderBy('position').orderBy('label').execute(),
    db.selectFrom('settings').selectAll().orderBy('key').execute(),
  ]);
  const labelOf = new Map(values.map((v) => [v.id, v.label]));
  return {
    format: 'guichet-config',
    version: 1,
    mailboxes: mailboxes.map((m) => ({
      slug: m.slug,
      name: m.name,
      position: m.position,
      archived: m.archived_at !== null,
      addresses: addresses
        .filter((a) => a.mailbox_id === m.id)
        .map((a) => ({ address: a.address, primary: a.is_primary })),
      fields: fields
        .filter((f) => f.mailbox_id === m.id)
        .map((f) => ({
          key: f.key,
          label: f.label,
          position: f.position,
          requiredToClose: f.required_to_close,
          archived: f.archived_at !== null,
          values: values
            .filter((v) => v.field_id === f.id)
            .map((v) => ({
              id: v.id,
              label: v.label,
              position: v.position,
              archived: v.archived_at !== null,
              needsReview: v.needs_review,
              mergedInto: v.merged_into_id ? (labelOf.get(v.merged_into_id) ?? null) : null,
            })),
        })),
    })),
    settings: Object.fromEntries(settings.map((s) => [s.key, s.value])),
  };
}
