/**
 * Who is a partner (issue 21 §5): a viewer attached to an organisation
 * (user_organisations: set by single sign-on from ProConnect's SIRET). A partner
 * reaches only their organisation's tickets (http/hooks/partner-scope.ts keeps
 * them off every other route); agents and above are never restricted this way.
 */
import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../db/schema.ts';

export async function partnerOrganisationOf(
  db: Kysely<DB>,
  user: Pick<UserRow, 'id' | 'role'>,
): Promise<{ id: string; name: string } | null> {
  if (user.role !== 'viewer') return null;
  const row = await db
    .selectFrom('user_organisations')
    .innerJoin('organisations', 'organisations.id', 'user_organisations.organisation_id')
    .select(['organisations.id', 'organisations.name'])
    .where('user_organisations.user_id', '=', user.id)
    .executeTakeFirst();
  return row ?? null;
}
