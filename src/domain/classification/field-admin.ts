/**
 * Fields and values, kept by supervisors in the app (issue 15 §1): list a
 * mailbox's fields with their values and ticket counts, add a field or a
 * value, rename, reorder, retire (and bring back) a value. Merging is
 * merge-field-value.ts; "required before closing" is domain/tickets/
 * required-fields.ts.
 *
 * Reports count tickets by value id (a value merged into another counts as
 * it), so renaming, reordering and retiring never change a past year's
 * figures: a retired value is no longer offered to agents but stays in the
 * reports of the years it was used. A value is never deleted.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { FieldAdminDto } from '../../shared/setup-contracts.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

const audit = (
  db: Kysely<DB>,
  actor: Actor,
  action: string,
  target: { type: 'field' | 'field_value'; id: string },
  details: Record<string, unknown>,
) =>
  recordAudit(db, {
    action,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    ip: actor.ip ?? null,
    targetType: target.type,
    targetId: target.id,
    details,
  });

/** A mailbox's fields (open ones) and every value, in their order, with how many tickets use each. */
export async function listFieldsForAdmin(
  db: Kysely<DB>,
  mailboxId: string,
): Promise<FieldAdminDto[]> {
  const mailbox = await db
    .selectFrom('mailboxes')
    .select('id')
    .where('id', '=', mailboxId)
    .executeTakeFirst();
  if (!mailbox) throw new AppError('not_found', 'No such mailbox.');
  const fields = await db
    .selectFrom('fields')
    .selectAll()
    .where('mailbox_id', '=', mailboxId)
    .where('archived_at', 'is', null)
    .orderBy('position')
    .orderBy('label')
    .execute();
  if (fields.length === 0) return [];
  const ids = fields.map((f) => f.id);
  const [values, counts] = await Promise.all([
    db
      .selectFrom('field_values')
      .selectAll()
      .where('field_id', 'in', ids)
      .orderBy('position')
      .orderBy('label')
      .execute(),
    db
      .selectFrom('ticket_field_values')
      .select(['value_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('field_id', 'in', ids)
      .groupBy('value_id')
      .execute(),
  ]);
  const used = new Map(counts.map((c) => [c.value_id, Number(c.n)]));
  return fields.map((f) => ({
    id: f.id,
    key: f.key,
    label: f.label,
    requiredToClose: f.required_to_close,
    retired: f.archived_at !== null,
    values: values
      .filter((v) => v.field_id === f.id)
      .map((v) => ({
        id: v.id,
        label: v.label,
        position: v.position,
        retired: v.archived_at !== null || v.merged_into_id !== null,
        mergedInto: v.merged_into_id,
        tickets: used.get(v.id) ?? 0,
      })),
  }));
}

/** A field's key from its label: `Nature du problème` → `nature_du_probleme` (made unique by the caller). */
export function keyOf(label: string): string {
  const base = label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 50);
  return /^[a-z]/.test(base) ? base : `champ_${base}`.replace(/_+$/, '');
}

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/** Runs `write`; a value name the field already has becomes a conflict (409), not a 500. */
async function namingValue<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('conflict', 'This field already has a value of that name.', {
        reason: 'value_exists',
      });
    throw error;
  }
}

/** Adds a field at the end of the mailbox's fields. */
export async function addField(
  db: Kysely<DB>,
  options: { mailboxId: string; label: string; requiredToClose: boolean; actor: Actor },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const mailbox = await trx
      .selectFrom('mailboxes')
      .select('id')
      .where('id', '=', options.mailboxId)
      .executeTakeFirst();
    if (!mailbox) throw new AppError('not_found', 'No such mailbox.');
    const taken = new Set(
      (
        await trx
          .selectFrom('fields')
          .select(['key', 'label', 'position'])
          .where('mailbox_id', '=', options.mailboxId)
          .execute()
      ).map((f) => f.key),
    );
    const base = keyOf(options.label);
    let key = base;
    for (let n = 2; taken.has(key); n += 1) key = `${base}_${n}`;
    const last = await trx
      .selectFrom('fields')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('mailbox_id', '=', options.mailboxId)
      .executeTakeFirst();
    const row = await trx
      .insertInto('fields')
      .values({
        mailbox_id: options.mailboxId,
        key,
        label: options.label,
        required_to_close: options.requiredToClose,
        position: Number(last?.max ?? 0) + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, options.actor, 'field.added', { type: 'field', id: row.id }, { key });
    return row.id;
  });
}

/** Renames a field (its key, and so the reports' sections, stay). */
export async function renameField(
  db: Kysely<DB>,
  options: { fieldId: string; label: string; actor: Actor },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('fields')
      .set({ label: options.label })
      .where('id', '=', options.fieldId)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such field.');
    await audit(
      trx,
      options.actor,
      'field.renamed',
      { type: 'field', id: row.id },
      {
        label: options.label,
      },
    );
  });
}

/** Adds a value at the end of a field's values; conflict when the field has one of that name. */
export async function addFieldValue(
  db: Kysely<DB>,
  options: { fieldId: string; label: string; actor: Actor },
): Promise<string> {
  return namingValue(() =>
    db.transaction().execute(async (trx) => {
      const field = await trx
        .selectFrom('fields')
        .select('id')
        .where('id', '=', options.fieldId)
        .executeTakeFirst();
      if (!field) throw new AppError('not_found', 'No such field.');
      const last = await trx
        .selectFrom('field_values')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('field_id', '=', options.fieldId)
        .executeTakeFirst();
      const row = await trx
        .insertInto('field_values')
        .values({
          field_id: options.fieldId,
          label: options.label,
          position: Number(last?.max ?? 0) + 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(
        trx,
        options.actor,
        'field_value.added',
        { type: 'field_value', id: row.id },
        {
          label: options.label,
        },
      );
      return row.id;
    }),
  );
}

/** Renames a value, or retires it (no longer offered) or brings it back. */
export async function changeFieldValue(
  db: Kysely<DB>,
  options: {
    valueId: string;
    label?: string | undefined;
    retired?: boolean | undefined;
    actor: Actor;
  },
): Promise<void> {
  await namingValue(() =>
    db.transaction().execute(async (trx) => {
      const value = await trx
        .selectFrom('field_values')
        .select(['id', 'merged_into_id'])
        .where('id', '=', options.valueId)
        .executeTakeFirst();
      if (!value) throw new AppError('not_found', 'No such value.');
      if (options.retired === false && value.merged_into_id !== null)
        throw new AppError('conflict', 'A merged value cannot come back.', { reason: 'merged' });
      await trx
        .updateTable('field_values')
        .set({
          ...(options.label !== undefined ? { label: options.label } : {}),
          ...(options.retired !== undefined
            ? { archived_at: options.retired ? new Date() : null }
            : {}),
        })
        .where('id', '=', value.id)
        .execute();
      const details = { label: options.label, retired: options.retired };
      await audit(
        trx,
        options.actor,
        'field_value.changed',
        { type: 'field_value', id: value.id },
        details,
      );
    }),
  );
}

/** Puts a field's values in the given order; every value of the field, each once. */
export async function reorderFieldValues(
  db: Kysely<DB>,
  options: { fieldId: string; values: string[]; actor: Actor },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const field = await trx
      .selectFrom('fields')
      .select('id')
      .where('id', '=', options.fieldId)
      .executeTakeFirst();
    if (!field) throw new AppError('not_found', 'No such field.');
    const current = await trx
      .selectFrom('field_values')
      .select('id')
      .where('field_id', '=', options.fieldId)
      .execute();
    const wanted = options.values.map((v) => v.toLowerCase());
    const known = new Set(current.map((v) => v.id));
    if (
      new Set(wanted).size !== wanted.length ||
      wanted.length !== known.size ||
      !wanted.every((id) => known.has(id))
    )
      throw new AppError('invalid_input', 'Give every value of the field, each once.');
    for (const [index, id] of wanted.entries())
      await trx
        .updateTable('field_values')
        .set({ position: index + 1 })
        .where('id', '=', id)
        .execute();
    await audit(
      trx,
      options.actor,
      'field_value.reordered',
      { type: 'field', id: field.id },
      {
        count: wanted.length,
      },
    );
  });
}
