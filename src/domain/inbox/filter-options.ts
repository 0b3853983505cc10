/**
 * What the inbox filters offer: agents, tags, organisations, and the fields of
 * the visible mailboxes with their values.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MailboxScope } from '../../policies/mailbox-access.ts';
import type { FilterOptionsDto } from '../../shared/workspace-contracts.ts';

/** Enabled users who can take tickets (agents and above). */
export function listAgents(db: Kysely<DB>): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('role', 'in', ['agent', 'supervisor', 'admin'])
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .execute();
}

export async function filterOptions(
  db: Kysely<DB>,
  scope: MailboxScope,
): Promise<FilterOptionsDto> {
  const [agents, tags, organisations, fields] = await Promise.all([
    listAgents(db),
    db.selectFrom('tags').select(['id', 'name']).orderBy('name').limit(500).execute(),
    db.selectFrom('organisations').select(['id', 'name']).orderBy('name').limit(2000).execute(),
    db
      .selectFrom('fields')
      .innerJoin('mailboxes', 'mailboxes.id', 'fields.mailbox_id')
      .select(['fields.id', 'fields.label', 'fields.mailbox_id', 'mailboxes.name as mailbox_name'])
      .where('fields.archived_at', 'is', null)
      .$if(scope !== 'all', (qb) =>
        qb.where(
          'fields.mailbox_id',
          'in',
          scope === 'all' ? [] : ['00000000-0000-0000-0000-000000000000', ...scope],
        ),
      )
      .orderBy('mailboxes.position')
      .orderBy('fields.position')
      .execute(),
  ]);
  const values =
    fields.length > 0
      ? await db
          .selectFrom('field_values')
          .select(['id', 'field_id', 'label'])
          .where(
            'field_id',
            'in',
            fields.map((f) => f.id),
          )
          .where('merged_into_id', 'is', null)
          .orderBy('position')
          .execute()
      : [];
  return {
    agents,
    tags,
    organisations,
    fields: fields.map((f) => ({
      id: f.id,
      label: `${f.label} (${f.mailbox_name})`,
      mailboxId: f.mailbox_id,
      values: values.filter((v) => v.field_id === f.id).map((v) => ({ id: v.id, label: v.label })),
    })),
  };
}
