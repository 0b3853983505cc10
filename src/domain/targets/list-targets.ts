/** The response targets and all their versions, as the supervisors' page lists them (issue 18). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TargetOptionsDto } from '../../shared/targets-contracts.ts';
import { directoryFields } from '../organisations/directory-fields.ts';

export type TargetVersionRow = {
  id: number;
  target_id: string;
  valid_from: Date;
  first_response_seconds: number | null;
  next_response_seconds: number | null;
  resolution_seconds: number | null;
  business_hours: boolean;
  warn_before_seconds: number;
  removed: boolean;
  created_by_name: string | null;
};

export type TargetRow = {
  id: string;
  mailbox_id: string;
  mailbox_name: string;
  field_value_id: string | null;
  organisation_type_value_id: string | null;
  /** "Field: value" of the narrowing, or null. */
  narrowing_field: string | null;
  narrowing_value: string | null;
  versions: TargetVersionRow[];
};

/** Every target (mailboxes in their order), each with its versions newest first. */
export async function listTargets(db: Kysely<DB>): Promise<TargetRow[]> {
  const targets = await db
    .selectFrom('response_targets as rt')
    .innerJoin('mailboxes as mb', 'mb.id', 'rt.mailbox_id')
    .leftJoin('field_values as fv', (join) =>
      join.on((eb) =>
        eb.or([
          eb('fv.id', '=', eb.ref('rt.field_value_id')),
          eb('fv.id', '=', eb.ref('rt.organisation_type_value_id')),
        ]),
      ),
    )
    .leftJoin('fields as f', 'f.id', 'fv.field_id')
    .select([
      'rt.id',
      'rt.mailbox_id',
      'mb.name as mailbox_name',
      'rt.field_value_id',
      'rt.organisation_type_value_id',
      'f.label as narrowing_field',
      'fv.label as narrowing_value',
    ])
    .orderBy('mb.position')
    .orderBy('mb.name')
    .orderBy('rt.created_at')
    .orderBy('rt.id')
    .execute();
  if (targets.length === 0) return [];
  const versions = await db
    .selectFrom('response_target_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select([
      'v.id',
      'v.target_id',
      'v.valid_from',
      'v.first_response_seconds',
      'v.next_response_seconds',
      'v.resolution_seconds',
      'v.business_hours',
      'v.warn_before_seconds',
      'v.removed',
      'u.name as created_by_name',
    ])
    .where(
      'v.target_id',
      'in',
      targets.map((t) => t.id),
    )
    .orderBy('v.valid_from', 'desc')
    .orderBy('v.id', 'desc')
    .execute();
  return targets.map((t) => ({ ...t, versions: versions.filter((v) => v.target_id === t.id) }));
}

/** The mailboxes with their fields' values, and the organisation types: what a target may narrow. */
export async function targetOptions(db: Kysely<DB>): Promise<TargetOptionsDto> {
  const [mailboxes, values, { partnerTypes }] = await Promise.all([
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
  ]);
  return {
    mailboxes: mailboxes.map((m) => {
      const own = values.filter((v) => v.mailbox_id === m.id);
      const fieldIds = [...new Set(own.map((v) => v.field_id))];
      return {
        id: m.id,
        name: m.name,
        fields: fieldIds.map((fieldId) => ({
          label: own.find((v) => v.field_id === fieldId)?.field ?? '',
          values: own
            .filter((v) => v.field_id === fieldId)
            .map((v) => ({ id: v.id, label: v.label })),
        })),
      };
    }),
    organisationTypes: partnerTypes
      .filter((v) => !v.archived)
      .map((v) => ({ id: v.id, label: v.label })),
  };
}
