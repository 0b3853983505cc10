import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type MailboxWithFields = {
  id: string;
  slug: string;
  name: string;
  addresses: { address: string; isPrimary: boolean }[];
  fields: { key: string; label: string; valueCount: number }[];
};

/**
 * The active mailboxes in their configured order, with their addresses and
 * active classification fields (and how many active values each has).
 */
export async function listMailboxes(db: Kysely<DB>): Promise<MailboxWithFields[]> {
  const [mailboxes, addresses, fields] = await Promise.all([
    db
      .selectFrom('mailboxes')
      .selectAll()
      .where('archived_at', 'is', null)
      .orderBy('position')
      .orderBy('slug')
      .execute(),
    db
      .selectFrom('mailbox_addresses')
      .selectAll()
      .orderBy('is_primary', 'desc')
      .orderBy('address')
      .execute(),
    db
      .selectFrom('fields')
      .leftJoin('field_values', (join) =>
        join
          .onRef('field_values.field_id', '=', 'fields.id')
          .on('field_values.archived_at', 'is', null),
      )
      .select((eb) => [
        'fields.mailbox_id',
        'fields.key',
        'fields.label',
        'fields.position',
        eb.fn.count<number>('field_values.id').as('value_count'),
      ])
      .where('fields.archived_at', 'is', null)
      .groupBy(['fields.id', 'fields.mailbox_id', 'fields.key', 'fields.label', 'fields.position'])
      .orderBy('fields.position')
      .execute(),
  ]);
  return mailboxes.map((m) => ({
    id: m.id,
    slug: m.slug,
    name: m.name,
    addresses: addresses
      .filter((a) => a.mailbox_id === m.id)
      .map((a) => ({ address: a.address, isPrimary: a.is_primary })),
    fields: fields
      .filter((f) => f.mailbox_id === m.id)
      .map((f) => ({ key: f.key, label: f.label, valueCount: f.value_count })),
  }));
}
