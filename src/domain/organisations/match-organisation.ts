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
import { domainOf } from '../../mail/mailbox-mail.ts';
import { candidateDomains } from './organisation-domain.ts';

export type MatchedOrganisation = {
  id: string;
  /** The directory domain that matched (the most specific one). */
  domain: string;
  partnerTypeValueId: string | null;
  departementValueId: string | null;
};

/** The organisation of an e-mail address, or undefined (unknown or webmail domain). */
export async function matchOrganisation(
  db: Kysely<DB>,
  address: string | null | undefined,
): Promise<MatchedOrganisation | undefined> {
  const domain = domainOf(address);
  const candidates = domain ? candidateDomains(domain) : [];
  if (candidates.length === 0) return undefined;
  const rows = await db
    .selectFrom('organisation_domains')
    .innerJoin('organisations', 'organisations.id', 'organisation_domains.organisation_id')
    .select([
      'organisations.id',
      'organisation_domains.domain',
      'organisations.partner_type_value_id',
      'organisations.departement_value_id',
    ])
    .where('organisation_domains.domain', 'in', candidates)
    .execute();
  // The most specific domain wins (a department's own entry before its parent's).
  const best = rows.sort((a, b) => b.domain.length - a.domain.length)[0];
  if (!best) return undefined;
  return {
    id: best.id,
    domain: best.domain,
    partnerTypeValueId: best.partner_type_value_id,
    departementValueId: best.departement_value_id,
  };
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
