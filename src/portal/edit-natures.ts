/**
 * The public natures of the contact form's step 1 as supervisors manage them:
 * the words the applicant reads, an optional hint, the internal value of the
 * Demandeurs "Nature du problème" field the ticket is filed under, the order,
 * and whether it is shown. A nature is never deleted (past forms and the
 * deflection statistics name it): disabling it hides it from step 1.
 */

import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, PortalNaturesTable } from '../db/schema.ts';
import { type Actor, recordAudit } from '../domain/audit/record-audit.ts';
import { AppError } from '../errors/app-error.ts';
import type { PortalNatureCreate, PortalNatureInput } from '../shared/portal-contracts.ts';
import { clearReadCache } from './read-cache.ts';
import { applicantMailboxSlug } from './retention-notice.ts';

/** A value of the Demandeurs nature field a public nature can file under. */
export type NatureValueOption = { id: string; label: string; archived_at: Date | null };

/** The natures as supervisors edit them (src/presenters/portal-nature.ts gives them to the API). */
export type PortalNaturesForEditor = {
  natures: Selectable<PortalNaturesTable>[];
  values: NatureValueOption[];
};

/** The values of the Demandeurs nature field, archived ones included. */
async function natureValues(db: Kysely<DB>): Promise<NatureValueOption[]> {
  const rows = await db
    .selectFrom('field_values as v')
    .innerJoin('fields as f', 'f.id', 'v.field_id')
    .innerJoin('mailboxes as m', 'm.id', 'f.mailbox_id')
    .select(['v.id', 'v.label', 'v.archived_at'])
    .where('m.slug', '=', applicantMailboxSlug)
    .where('f.key', '=', 'nature')
    .orderBy('v.position')
    .orderBy('v.label')
    .execute();
  return rows;
}

/** Every public nature in order (disabled ones too) and the values they can file under. */
export async function listNaturesForEditor(db: Kysely<DB>): Promise<PortalNaturesForEditor> {
  const [natures, values] = await Promise.all([
    db.selectFrom('portal_natures').selectAll().orderBy('position').orderBy('key').execute(),
    natureValues(db),
  ]);
  return { natures, values };
}

/** invalid_input unless `valueId` (when given) is a value of the Demandeurs nature field. */
async function checkValue(db: Kysely<DB>, valueId: string | null): Promise<void> {
  if (valueId === null) return;
  if (!(await natureValues(db)).some((v) => v.id === valueId))
    throw new AppError(
      'invalid_input',
      'The internal value must be a nature of the Demandeurs mailbox.',
    );
}

async function audit(db: Kysely<DB>, actor: Actor, action: string, key: string, details = {}) {
  clearReadCache(db);
  await recordAudit(db, {
    action,
    actorUserId: actor.userId,
    targetType: 'portal_nature',
    targetId: key,
    ip: actor.ip,
    details,
  });
}

const findNature = async (db: Kysely<DB>, key: string) => {
  const found = (await listNaturesForEditor(db)).natures.find((n) => n.key === key);
  if (!found) throw new AppError('not_found', 'No such nature.');
  return found;
};

/** Adds a nature, last in order. conflict when the key is taken. */
export async function createNature(
  db: Kysely<DB>,
  input: Required<PortalNatureCreate>,
  actor: Actor,
): Promise<Selectable<PortalNaturesTable>> {
  await checkValue(db, input.valueId);
  const inserted = await db
    .insertInto('portal_natures')
    .values({
      key: input.key,
      label: input.label,
      hint: input.hint,
      value_id: input.valueId,
      archived_at: input.enabled ? null : new Date(),
      position: sql<number>`(select coalesce(max(position), -1) + 1 from portal_natures)`,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!inserted) throw new AppError('conflict', 'A nature already has this key.');
  await audit(db, actor, 'portal.nature_created', input.key, { valueId: input.valueId });
  return findNature(db, input.key);
}

/** Rewords, remaps, shows or hides a nature. not_found for an unknown key. */
export async function updateNature(
  db: Kysely<DB>,
  key: string,
  input: Required<PortalNatureInput>,
  actor: Actor,
): Promise<Selectable<PortalNaturesTable>> {
  await checkValue(db, input.valueId);
  const before = await db
    .selectFrom('portal_natures')
    .select(['label', 'value_id', 'archived_at'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!before) throw new AppError('not_found', 'No such nature.');
  await db
    .updateTable('portal_natures')
    .set({
      label: input.label,
      hint: input.hint,
      value_id: input.valueId,
      // keep the original date when it stays disabled
      archived_at: input.enabled ? null : (before.archived_at ?? new Date()),
    })
    .where('key', '=', key)
    .execute();
  await audit(db, actor, 'portal.nature_updated', key, {
    before: { label: before.label, valueId: before.value_id, enabled: !before.archived_at },
    after: { label: input.label, valueId: input.valueId, enabled: input.enabled },
  });
  return findNature(db, key);
}

/** Puts the natures in the order of `keys`, which must list every nature once (else conflict). */
export async function reorderNatures(
  db: Kysely<DB>,
  keys: string[],
  actor: Actor,
): Promise<PortalNaturesForEditor> {
  if (new Set(keys).size !== keys.length)
    throw new AppError('invalid_input', 'Each nature may appear only once.');
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('portal_natures').select('key').forUpdate().execute();
    const known = new Set(existing.map((n) => n.key));
    if (existing.length !== keys.length || keys.some((k) => !known.has(k)))
      throw new AppError('conflict', 'The natures have changed: reload the page.');
    for (const [position, key] of keys.entries())
      await trx.updateTable('portal_natures').set({ position }).where('key', '=', key).execute();
    await audit(trx, actor, 'portal.natures_reordered', keys[0] ?? '', { keys });
  });
  clearReadCache(db);
  return listNaturesForEditor(db);
}
