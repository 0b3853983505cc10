/**
 * Response targets (issue 18), set by supervisors: one per mailbox and
 * narrowing, each change a new version valid from now, so that a ticket keeps
 * the promise in force when it was opened (domain/tickets/ticket-due-times.ts
 * picks it). Removing a target is a version that removes it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { CreateTargetInput, TargetTerms } from '../../shared/targets-contracts.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { directoryFields } from '../organisations/directory-fields.ts';

const seconds = (minutes: number | null) => (minutes === null ? null : minutes * 60);

function versionRow(targetId: string, terms: TargetTerms, actor: Actor, at: Date) {
  return {
    target_id: targetId,
    valid_from: at,
    first_response_seconds: seconds(terms.firstResponseMinutes),
    next_response_seconds: seconds(terms.nextResponseMinutes),
    resolution_seconds: seconds(terms.resolutionMinutes),
    business_hours: terms.businessHours,
    warn_before_seconds: terms.warnBeforeMinutes * 60,
    created_by: actor.userId,
  };
}

/** Checks the mailbox and the narrowing exist and belong together; invalid_input otherwise. */
async function assertScope(db: Kysely<DB>, input: CreateTargetInput): Promise<void> {
  const mailbox = await db
    .selectFrom('mailboxes')
    .select('id')
    .where('id', '=', input.mailboxId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!mailbox) throw new AppError('invalid_input', 'Invalid request: mailboxId: no such mailbox');
  if (input.fieldValueId) {
    const value = await db
      .selectFrom('field_values')
      .innerJoin('fields', 'fields.id', 'field_values.field_id')
      .select('field_values.id')
      .where('field_values.id', '=', input.fieldValueId)
      .where('fields.mailbox_id', '=', input.mailboxId)
      .where('field_values.archived_at', 'is', null)
      .executeTakeFirst();
    if (!value)
      throw new AppError(
        'invalid_input',
        "Invalid request: fieldValueId: not a value of this mailbox's fields",
      );
  }
  if (input.organisationTypeValueId) {
    const { partnerTypes } = await directoryFields(db);
    if (!partnerTypes.some((v) => v.id === input.organisationTypeValueId && !v.archived))
      throw new AppError(
        'invalid_input',
        'Invalid request: organisationTypeValueId: not an organisation type',
      );
  }
}

/** Creates a target and its first version (valid from `at`); conflict when the scope has one. */
export async function createTarget(
  db: Kysely<DB>,
  input: CreateTargetInput,
  actor: Actor,
  at: Date = new Date(),
): Promise<string> {
  await assertScope(db, input);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('response_targets')
      .select('id')
      .where('mailbox_id', '=', input.mailboxId)
      .where((eb) =>
        input.fieldValueId === null
          ? eb('field_value_id', 'is', null)
          : eb('field_value_id', '=', input.fieldValueId),
      )
      .where((eb) =>
        input.organisationTypeValueId === null
          ? eb('organisation_type_value_id', 'is', null)
          : eb('organisation_type_value_id', '=', input.organisationTypeValueId),
      )
      .executeTakeFirst();
    let id = existing?.id;
    if (id) {
      const current = await currentVersion(trx, id);
      if (current && !current.removed)
        throw new AppError('conflict', 'A target already exists for this mailbox and narrowing.');
    } else {
      const created = await trx
        .insertInto('response_targets')
        .values({
          mailbox_id: input.mailboxId,
          field_value_id: input.fieldValueId,
          organisation_type_value_id: input.organisationTypeValueId,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = created.id;
    }
    await trx
      .insertInto('response_target_versions')
      .values(versionRow(id, input.terms, actor, at))
      .execute();
    await recordAudit(trx, {
      action: 'target.create',
      actorUserId: actor.userId,
      targetType: 'response_target',
      targetId: id,
      ip: actor.ip,
      details: { ...input.terms },
    });
    return id;
  });
}

function currentVersion(db: Kysely<DB>, targetId: string) {
  return db
    .selectFrom('response_target_versions')
    .select(['id', 'removed'])
    .where('target_id', '=', targetId)
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/**
 * A new version of a target's terms (or its removal, `terms` null), valid from
 * `at`: tickets opened from then on follow it, earlier ones keep theirs.
 */
export async function changeTarget(
  db: Kysely<DB>,
  targetId: string,
  terms: TargetTerms | null,
  actor: Actor,
  at: Date = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const target = await trx
      .selectFrom('response_targets')
      .select('id')
      .where('id', '=', targetId)
      .forUpdate()
      .executeTakeFirst();
    if (!target) throw new AppError('not_found', 'No such target.');
    const current = await currentVersion(trx, targetId);
    if (terms === null && (!current || current.removed))
      throw new AppError('not_found', 'No such target.');
    await trx
      .insertInto('response_target_versions')
      .values(
        terms === null
          ? { target_id: targetId, valid_from: at, removed: true, created_by: actor.userId }
          : versionRow(targetId, terms, actor, at),
      )
      .execute();
    await recordAudit(trx, {
      action: terms === null ? 'target.remove' : 'target.change',
      actorUserId: actor.userId,
      targetType: 'response_target',
      targetId,
      ip: actor.ip,
      details: terms === null ? {} : { ...terms },
    });
  });
}
