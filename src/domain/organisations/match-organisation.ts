/**
 * The one way a sender is matched to the organisation directory, used by the
 * inbound pipeline: the address's domain or its closest parent listed in
 * `organisation_domains` (`agent@mail.bailleur-44.example.org` matches a
 * directory entry `bailleur-44.example.org`), never a webmail domain. The
 * organisation's partner type and département then become auto-filled
 * classification values of the ticket's mailbox.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { domainOf } from '../mailboxes/mailbox-mail.ts';
import { candidateDomains } from './organisation-domain.ts';

export type MatchedOrganisation = {
  id: string;
  /** The directory domain that matched (the most specific one). */
  domain: string;
  partnerTypeValueId: string | null;
  departementValueId: string | null;
};

/**
 * The organisation of each sender domain (`mail.example.org`), by the most
 * specific directory domain that holds it; unknown and webmail domains are
 * absent from the map. One query for the whole list (imports match batches).
 */
export async function organisationsByDomain(
  db: Kysely<DB>,
  domains: string[],
): Promise<Map<string, MatchedOrganisation>> {
  const candidates = new Map(domains.map((d) => [d, candidateDomains(d)]));
  const all = [...new Set([...candidates.values()].flat())];
  const result = new Map<string, MatchedOrganisation>();
  if (all.length === 0) return result;
  const rows = await db
    .selectFrom('organisation_domains')
    .innerJoin('organisations', 'organisations.id', 'organisation_domains.organisation_id')
    .select([
      'organisations.id',
      'organisation_domains.domain',
      'organisations.partner_type_value_id',
      'organisations.departement_value_id',
    ])
    .where('organisation_domains.domain', 'in', all)
    .execute();
  const byDomain = new Map(rows.map((r) => [r.domain, r]));
  for (const [domain, list] of candidates) {
    // Candidates run from the most specific: a department's own entry wins over its parent's.
    const best = list.map((c) => byDomain.get(c)).find((r) => r !== undefined);
    if (best)
      result.set(domain, {
        id: best.id,
        domain: best.domain,
        partnerTypeValueId: best.partner_type_value_id,
        departementValueId: best.departement_value_id,
      });
  }
  return result;
}

/** The organisation of an e-mail address, or undefined (unknown or webmail domain). */
export async function matchOrganisation(
  db: Kysely<DB>,
  address: string | null | undefined,
): Promise<MatchedOrganisation | undefined> {
  const domain = domainOf(address);
  if (!domain) return undefined;
  return (await organisationsByDomain(db, [domain])).get(domain);
}

/**
 * The organisation's values as classification of a ticket in `mailboxId`:
 * a value of one of the mailbox's own fields is used as it is; a value of
 * another mailbox's field is translated to the value with the same label in
 * this mailbox's field of the same key (the directory holds the partners'
 * "44"; a ticket of "Demandeurs" gets that mailbox's "44"). Values merged
 * into another follow the merge; archived values are never filled in.
 */
export async function organisationClassification(
  db: Kysely<DB>,
  mailboxId: string,
  organisation: Pick<MatchedOrganisation, 'partnerTypeValueId' | 'departementValueId'>,
): Promise<{ fieldId: string; valueId: string }[]> {
  const ids = [organisation.partnerTypeValueId, organisation.departementValueId].filter(
    (v): v is string => v !== null,
  );
  if (ids.length === 0) return [];
  const sources = await db
    .selectFrom('field_values as v')
    .leftJoin('field_values as m', 'm.id', 'v.merged_into_id')
    .innerJoin('fields as f', 'f.id', 'v.field_id')
    .select(['f.key', 'v.label', 'm.label as mergedLabel'])
    .where('v.id', 'in', ids)
    .execute();
  const result: { fieldId: string; valueId: string }[] = [];
  for (const source of sources) {
    const label = source.mergedLabel ?? source.label;
    const target = await db
      .selectFrom('field_values as v')
      .innerJoin('fields as f', 'f.id', 'v.field_id')
      .select(['v.id', 'v.field_id'])
      .where('f.mailbox_id', '=', mailboxId)
      .where('f.key', '=', source.key)
      .where('f.archived_at', 'is', null)
      .where('v.archived_at', 'is', null)
      .where('v.merged_into_id', 'is', null)
      .where((eb) => eb(eb.fn('lower', ['v.label']), '=', label.toLowerCase()))
      .executeTakeFirst();
    if (target) result.push({ fieldId: target.field_id, valueId: target.id });
  }
  return result;
}
