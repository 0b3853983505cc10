/**
 * Replaces an organisation's e-mail domains, inside the caller's transaction.
 * Domains are normalised and validated (webmail refused); a domain that
 * belongs to another organisation is a conflict, never silently moved.
 * Contacts of a new domain that have no organisation yet are linked to it.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { normaliseOrganisationDomain } from './organisation-domain.ts';

/** Normalised, de-duplicated domains; AppError('invalid_input') for the first bad one. */
export function normaliseDomains(domains: string[]): string[] {
  return [...new Set(domains.map(normaliseOrganisationDomain))];
}

export async function setOrganisationDomains(
  trx: Transaction<DB>,
  organisationId: string,
  domains: string[],
): Promise<{ added: string[]; removed: string[] }> {
  const wanted = normaliseDomains(domains);
  if (wanted.length > 0) {
    const taken = await trx
      .selectFrom('organisation_domains')
      .innerJoin('organisations', 'organisations.id', 'organisation_domains.organisation_id')
      .select(['organisation_domains.domain', 'organisations.name'])
      .where('organisation_domains.domain', 'in', wanted)
      .where('organisation_domains.organisation_id', '<>', organisationId)
      .executeTakeFirst();
    if (taken)
      throw new AppError(
        'conflict',
        `${taken.domain} already belongs to “${taken.name}”: remove it there first, or merge the two organisations.`,
        { domain: taken.domain },
      );
  }
  const current = (
    await trx
      .selectFrom('organisation_domains')
      .select('domain')
      .where('organisation_id', '=', organisationId)
      .execute()
  ).map((r) => r.domain);
  const removed = current.filter((d) => !wanted.includes(d));
  const added = wanted.filter((d) => !current.includes(d));
  if (removed.length > 0)
    await trx
      .deleteFrom('organisation_domains')
      .where('organisation_id', '=', organisationId)
      .where('domain', 'in', removed)
      .execute();
  if (added.length > 0) {
    await trx
      .insertInto('organisation_domains')
      .values(added.map((domain) => ({ domain, organisation_id: organisationId })))
      .execute();
    // `x@example.org` and `x@mail.example.org` belong to example.org ('_' and '%' never occur in a domain).
    await trx
      .updateTable('contacts')
      .set({ organisation_id: organisationId })
      .where('organisation_id', 'is', null)
      .where((eb) =>
        eb.or(added.flatMap((d) => [eb('email', 'like', `%@${d}`), eb('email', 'like', `%.${d}`)])),
      )
      .execute();
  }
  return { added, removed };
}
