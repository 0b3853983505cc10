import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { loadOrganisations, type OrganisationRow } from './list-organisations.ts';

export type OrganisationDetail = OrganisationRow & {
  contacts: { id: string; name: string | null; email: string | null }[];
  tickets: { total: number; open: number; last30Days: number; last365Days: number };
};

const day = 86_400_000;

/**
 * An organisation with its first 100 contacts (by name) and how many tickets
 * it sent: in all, still open, and created in the last 30 and 365 days
 * (deleted and spam tickets left out). AppError('not_found').
 */
export async function getOrganisation(
  db: Kysely<DB>,
  id: string,
  now = new Date(),
): Promise<OrganisationDetail> {
  const [row] = await loadOrganisations(db, [id]);
  if (!row) throw new AppError('not_found', 'No such organisation.');
  const [contacts, counts] = await Promise.all([
    db
      .selectFrom('contacts')
      .select(['id', 'name', 'email'])
      .where('organisation_id', '=', id)
      .where('anonymised_at', 'is', null)
      .orderBy('name')
      .orderBy('email')
      .limit(100)
      .execute(),
    db
      .selectFrom('tickets')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.countAll<number>().filterWhere('status', 'in', ['active', 'pending']).as('open'),
        eb.fn
          .countAll<number>()
          .filterWhere('created_at', '>=', new Date(now.getTime() - 30 * day))
          .as('last30'),
        eb.fn
          .countAll<number>()
          .filterWhere('created_at', '>=', new Date(now.getTime() - 365 * day))
          .as('last365'),
      ])
      .where('organisation_id', '=', id)
      .where('deleted_at', 'is', null)
      .where('status', '<>', 'spam')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    ...row,
    contacts,
    tickets: {
      total: Number(counts.total),
      open: Number(counts.open),
      last30Days: Number(counts.last30),
      last365Days: Number(counts.last365),
    },
  };
}
