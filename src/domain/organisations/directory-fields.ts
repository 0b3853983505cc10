/**
 * Which classification values an organisation's type and département are:
 * the values of the `partner_type` field of the first mailbox that has one
 * (the partners' mailbox of SPEC §3), and of the `departement` field of that
 * same mailbox. Tickets of other mailboxes get the value with the same label
 * (see organisationClassification).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';

export type DirectoryValue = { id: string; label: string; archived: boolean };

export type DirectoryFields = {
  partnerTypes: DirectoryValue[];
  departements: DirectoryValue[];
};

/** The values an organisation may take (archived ones included, flagged). */
export async function directoryFields(db: Kysely<DB>): Promise<DirectoryFields> {
  const owner = await db
    .selectFrom('fields')
    .innerJoin('mailboxes', 'mailboxes.id', 'fields.mailbox_id')
    .select('fields.mailbox_id')
    .where('fields.key', '=', 'partner_type')
    .where('fields.archived_at', 'is', null)
    .orderBy('mailboxes.position')
    .orderBy('mailboxes.name')
    .executeTakeFirst();
  if (!owner) return { partnerTypes: [], departements: [] };
  const rows = await db
    .selectFrom('field_values')
    .innerJoin('fields', 'fields.id', 'field_values.field_id')
    .select(['fields.key', 'field_values.id', 'field_values.label', 'field_values.archived_at'])
    .where('fields.mailbox_id', '=', owner.mailbox_id)
    .where('fields.key', 'in', ['partner_type', 'departement'])
    .where('field_values.merged_into_id', 'is', null)
    .orderBy('field_values.position')
    .orderBy('field_values.label')
    .execute();
  const of = (key: string) =>
    rows
      .filter((r) => r.key === key)
      .map((r) => ({ id: r.id, label: r.label, archived: r.archived_at !== null }));
  return { partnerTypes: of('partner_type'), departements: of('departement') };
}

/** Throws invalid_input unless `id` is null or one of `values` (not archived). */
function assertDirectoryValue(
  values: DirectoryValue[],
  id: string | null | undefined,
  what: string,
): void {
  if (id === null || id === undefined) return;
  const value = values.find((v) => v.id === id);
  if (!value || value.archived)
    throw new AppError('invalid_input', `Unknown ${what}: choose one of the directory's values.`);
}

/** A label as people may type it: case, accents and runs of spaces ignored. */
export const foldLabel = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').trim().replace(/\s+/g, ' ').toLowerCase();

/** The value whose label is `label`, ignoring case, accents and spacing (archived ones excluded). */
export function valueByLabel(values: DirectoryValue[], label: string): DirectoryValue | undefined {
  const wanted = foldLabel(label);
  return values.find((v) => !v.archived && foldLabel(v.label) === wanted);
}

/** Throws invalid_input unless the given type and département are values of the directory. */
export async function assertDirectoryValues(
  db: Kysely<DB>,
  input: { partnerTypeValueId?: string | null; departementValueId?: string | null },
): Promise<void> {
  const fields = await directoryFields(db);
  assertDirectoryValue(fields.partnerTypes, input.partnerTypeValueId, 'partner type');
  assertDirectoryValue(fields.departements, input.departementValueId, 'département');
}
