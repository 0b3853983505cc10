import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrganisationUpdateInput } from '../../shared/directory-contracts.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { assertDirectoryValues } from './directory-fields.ts';
import { assertNameFree } from './organisation-name.ts';
import { setOrganisationDomains } from './set-organisation-domains.ts';
import { conflictOnDuplicate } from './unique-conflict.ts';

/**
 * Changes the given fields of an organisation (domains replaced as a whole).
 * Tickets already classified keep their values: the directory only fills new ones.
 * AppError not_found, invalid_input or conflict.
 */
export async function updateOrganisation(
  db: Kysely<DB>,
  id: string,
  input: OrganisationUpdateInput,
  actor: Actor,
): Promise<void> {
  await assertDirectoryValues(db, input);
  await conflictOnDuplicate(
    () =>
      db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('organisations')
          .select('id')
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!existing) throw new AppError('not_found', 'No such organisation.');
        if (input.name !== undefined) await assertNameFree(trx, input.name, id);
        await trx
          .updateTable('organisations')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.partnerTypeValueId !== undefined
              ? { partner_type_value_id: input.partnerTypeValueId }
              : {}),
            ...(input.departementValueId !== undefined
              ? { departement_value_id: input.departementValueId }
              : {}),
            ...(input.siret !== undefined ? { siret: input.siret } : {}),
            updated_at: new Date(),
          })
          .where('id', '=', id)
          .execute();
        const domains =
          input.domains === undefined ? null : await setOrganisationDomains(trx, id, input.domains);
        await recordAudit(trx, {
          action: 'organisation.update',
          actorUserId: actor.userId,
          actorLabel: actor.label,
          targetType: 'organisation',
          targetId: id,
          ip: actor.ip,
          details: { changed: Object.keys(input), ...(domains ?? {}) },
        });
      }),
    'Another organisation has this name, domain or SIRET, or another change got there first: reload and try again.',
  );
}
