/**
 * What the inbox filters offer: agents, tags, organisations, and the fields of
 * the visible mailboxes with their values.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MailboxScope } from '../../policies/mailbox-access.ts';

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

/** The choices of the inbox filters (src/presenters/inbox.ts gives them to the API). */
export type FilterOptions = {
  agents: { id: string; name: string }[];
  tags: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
  fields: {
    id: string;
    label: string;
    mailboxId: string;
    mailboxName: string;
    values: { id: string; label: string }[];
  }[];
};

/** What the filters offer to a caller who sees `scope`: fields of other mailboxes are left out. */
export async function filterOptions(db: Kysely<DB>, scope: MailboxScope): Promise<FilterOptions> {
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
      label: f.label,
      mailboxId: f.mailbox_id,
      mailboxName: f.mailbox_name,
      values: values.filter((v) => v.field_id === f.id).map((v) => ({ id: v.id, label: v.label })),
    })),
  };
}
