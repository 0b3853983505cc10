import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

/**
 * Removes an organisation and its domains; its contacts stay, unlinked.
 * An organisation with tickets is kept (reports count by organisation):
 * AppError('conflict') asks to merge it into another instead.
 */
export async function deleteOrganisation(db: Kysely<DB>, id: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!existing) throw new AppError('not_found', 'No such organisation.');
    const tickets = await trx
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(tickets.n) > 0)
      throw new AppError(
        'conflict',
        `“${existing.name}” has ${tickets.n} ticket(s): merge it into another organisation instead of deleting it.`,
        { tickets: Number(tickets.n) },
      );
    await trx.deleteFrom('organisations').where('id', '=', id).execute();
    await recordAudit(trx, {
      action: 'organisation.delete',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      targetType: 'organisation',
      targetId: id,
      ip: actor.ip,
      details: { name: existing.name },
    });
  });
}
