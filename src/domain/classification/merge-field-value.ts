/**
 * Merging a classification value into another (issue 3 §7): e.g. two natures
 * become one. Old tickets keep their value (history is untouched); the merged
 * value is archived and points to the value it became, so reports count its
 * tickets under that value and year-over-year comparisons stay valid.
 * Published reports keep their frozen snapshot.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

/**
 * Merges value `fromId` into `intoId` (same field). Refuses merging a value
 * into itself, across fields, into a value that was itself merged, or a value
 * already merged.
 */
export async function mergeFieldValue(
  db: Kysely<DB>,
  fromId: string,
  intoId: string,
  actor: Actor,
): Promise<void> {
  if (fromId === intoId)
    throw new AppError('invalid_input', 'A value cannot be merged into itself.');
  await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('field_values')
      .select(['id', 'field_id', 'label', 'merged_into_id'])
      .where('id', 'in', [fromId, intoId])
      .forUpdate()
      .execute();
    const from = rows.find((r) => r.id === fromId);
    const into = rows.find((r) => r.id === intoId);
    if (!from || !into) throw new AppError('not_found', 'Unknown classification value.');
    if (from.field_id !== into.field_id)
      throw new AppError('invalid_input', 'Both values must belong to the same field.');
    if (from.merged_into_id)
      throw new AppError('conflict', `"${from.label}" is already merged into another value.`);
    if (into.merged_into_id)
      throw new AppError(
        'invalid_input',
        `"${into.label}" was itself merged; merge into the value it became.`,
      );
    const now = new Date();
    // values previously merged into `from` now point to `into` directly: chains stay one step long
    await trx
      .updateTable('field_values')
      .set({ merged_into_id: intoId })
      .where('merged_into_id', '=', fromId)
      .execute();
    await trx
      .updateTable('field_values')
      .set({ merged_into_id: intoId, archived_at: now })
      .where('id', '=', fromId)
      .execute();
    await recordAudit(trx, {
      action: 'field_value.merged',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      targetType: 'field_value',
      targetId: fromId,
      ip: actor.ip ?? null,
      details: { into: intoId, from_label: from.label, into_label: into.label },
    });
  });
}
