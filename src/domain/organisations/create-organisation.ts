import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { OrganisationCreateInput } from '../../shared/directory-contracts.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { assertDirectoryValues } from './directory-fields.ts';
import { assertNameFree } from './organisation-name.ts';
import { setOrganisationDomains } from './set-organisation-domains.ts';
import { conflictOnDuplicate } from './unique-conflict.ts';

/**
 * Adds an organisation to the directory with its type, département and
 * domains. AppError invalid_input (bad value or domain, webmail) or conflict
 * (name or domain already in the directory).
 */
export async function createOrganisation(
  db: Kysely<DB>,
  input: OrganisationCreateInput,
  actor: Actor,
): Promise<string> {
  await assertDirectoryValues(db, input);
  return conflictOnDuplicate(
    () =>
      db.transaction().execute(async (trx) => {
        await assertNameFree(trx, input.name, null);
        const row = await trx
          .insertInto('organisations')
          .values({
            name: input.name,
            partner_type_value_id: input.partnerTypeValueId,
            departement_value_id: input.departementValueId,
            siret: input.siret ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const { added } = await setOrganisationDomains(trx, row.id, input.domains);
        await recordAudit(trx, {
          action: 'organisation.create',
          actorUserId: actor.userId,
          actorLabel: actor.label,
          targetType: 'organisation',
          targetId: row.id,
          ip: actor.ip,
          details: { name: input.name, domains: added },
        });
        return row.id;
      }),
    'Another organisation has this name, domain or SIRET, or another change got there first: reload and try again.',
  );
}
