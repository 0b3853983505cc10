import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

/**
 * Merges organisation `sourceId` into `targetId` (two entries for one
 * organisation): domains, contacts and tickets move to the target, which
 * takes the source's type and département where it has none; the source is
 * then deleted. One transaction. AppError not_found or invalid_input (same id).
 */
export async function mergeOrganisations(
  db: Kysely<DB>,
  sourceId: string,
  targetId: string,
  actor: Actor,
): Promise<{ domains: number; contacts: number; tickets: number }> {
  if (sourceId === targetId)
    throw new AppError('invalid_input', 'An organisation cannot be merged into itself.');
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('organisations')
      .selectAll()
      .where('id', 'in', [sourceId, targetId])
      .orderBy('id')
      .forUpdate()
      .execute();
    const source = rows.find((r) => r.id === sourceId);
    const target = rows.find((r) => r.id === targetId);
    if (!source || !target) throw new AppError('not_found', 'No such organisation.');
    const domains = await trx
      .updateTable('organisation_domains')
      .set({ organisation_id: targetId })
      .where('organisation_id', '=', sourceId)
      .executeTakeFirst();
    const contacts = await trx
      .updateTable('contacts')
      .set({ organisation_id: targetId })
      .where('organisation_id', '=', sourceId)
      .executeTakeFirst();
    const tickets = await trx
      .updateTable('tickets')
      .set({ organisation_id: targetId })
      .where('organisation_id', '=', sourceId)
      .executeTakeFirst();
    await trx
      .updateTable('organisations')
      .set({
        partner_type_value_id: target.partner_type_value_id ?? source.partner_type_value_id,
        departement_value_id: target.departement_value_id ?? source.departement_value_id,
        updated_at: new Date(),
      })
      .where('id', '=', targetId)
      .execute();
    await trx.deleteFrom('organisations').where('id', '=', sourceId).execute();
    const moved = {
      domains: Number(domains.numUpdatedRows),
      contacts: Number(contacts.numUpdatedRows),
      tickets: Number(tickets.numUpdatedRows),
    };
    await recordAudit(trx, {
      action: 'organisation.merge',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      targetType: 'organisation',
      targetId,
      ip: actor.ip,
      details: { merged: sourceId, mergedName: source.name, ...moved },
    });
    return moved;
  });
}
