/** What the rule and macro forms offer (issue 19): mailboxes, fields and values, agents, saved replies. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RuleOptionsDto } from '../../shared/automation-contracts.ts';
import { directoryFields } from '../organisations/directory-fields.ts';

export async function ruleOptions(db: Kysely<DB>): Promise<RuleOptionsDto> {
  const [mailboxes, values, { partnerTypes }, organisations, agents, savedReplies] =
    await Promise.all([
      db
        .selectFrom('mailboxes')
        .select(['id', 'name'])
        .where('archived_at', 'is', null)
        .orderBy('position')
        .orderBy('name')
        .execute(),
      db
        .selectFrom('field_values as fv')
        .innerJoin('fields as f', 'f.id', 'fv.field_id')
        .select(['f.mailbox_id', 'f.id as field_id', 'f.label as field', 'fv.id', 'fv.label'])
        .where('f.archived_at', 'is', null)
        .where('fv.archived_at', 'is', null)
        .where('fv.merged_into_id', 'is', null)
        .orderBy('f.position')
        .orderBy('fv.position')
        .orderBy('fv.label')
        .execute(),
      directoryFields(db),
      db.selectFrom('organisations').select(['id', 'name']).orderBy('name').limit(2000).execute(),
      db
        .selectFrom('users')
        .select(['id', 'name'])
        .where('disabled_at', 'is', null)
        .where('role', 'in', ['agent', 'supervisor', 'admin'])
        .orderBy('name')
        .execute(),
      db.selectFrom('saved_replies').select(['id', 'name', 'mailbox_id']).orderBy('name').execute(),
    ]);
  const fieldIds = [...new Set(values.map((v) => v.field_id))];
  return {
    mailboxes,
    fields: fieldIds.map((id) => {
      const own = values.filter((v) => v.field_id === id);
      return {
        id,
        label: own[0]?.field ?? '',
        mailboxId: own[0]?.mailbox_id ?? '',
        values: own.map((v) => ({ id: v.id, label: v.label })),
      };
    }),
    partnerTypes: partnerTypes
      .filter((v) => !v.archived)
      .map((v) => ({ id: v.id, label: v.label })),
    organisations,
    agents,
    savedReplies: savedReplies.map((r) => ({ id: r.id, name: r.name, mailboxId: r.mailbox_id })),
  };
}
