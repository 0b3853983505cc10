import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { OrganisationListQuery } from '../../shared/directory-contracts.ts';

export type OrganisationRow = {
  id: string;
  name: string;
  partnerType: { id: string; label: string } | null;
  departement: { id: string; label: string } | null;
  domains: string[];
  contactCount: number;
  ticketCount: number;
  siret: string | null;
};

/** `%text%` for LIKE, with the user's `%`, `_` and `\` taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Loads the rows of `ids` with their values, domains and counts, in `ids`' order. */
export async function loadOrganisations(db: Kysely<DB>, ids: string[]): Promise<OrganisationRow[]> {
  if (ids.length === 0) return [];
  const [rows, domains, contacts, tickets] = await Promise.all([
    db
      .selectFrom('organisations as o')
      .leftJoin('field_values as t', 't.id', 'o.partner_type_value_id')
      .leftJoin('field_values as d', 'd.id', 'o.departement_value_id')
      .select([
        'o.id',
        'o.name',
        'o.siret',
        't.id as typeId',
        't.label as typeLabel',
        'd.id as depId',
        'd.label as depLabel',
      ])
      .where('o.id', 'in', ids)
      .execute(),
    db
      .selectFrom('organisation_domains')
      .select(['organisation_id', 'domain'])
      .where('organisation_id', 'in', ids)
      .orderBy('domain')
      .execute(),
    db
      .selectFrom('contacts')
      .select(['organisation_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organisation_id', 'in', ids)
      .groupBy('organisation_id')
      .execute(),
    db
      .selectFrom('tickets')
      .select(['organisation_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organisation_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .groupBy('organisation_id')
      .execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        name: r.name,
        partnerType: r.typeId && r.typeLabel ? { id: r.typeId, label: r.typeLabel } : null,
        departement: r.depId && r.depLabel ? { id: r.depId, label: r.depLabel } : null,
        domains: domains.filter((d) => d.organisation_id === id).map((d) => d.domain),
        contactCount: Number(contacts.find((c) => c.organisation_id === id)?.n ?? 0),
        ticketCount: Number(tickets.find((t) => t.organisation_id === id)?.n ?? 0),
        siret: r.siret,
      },
    ];
  });
}

/**
 * One page of the directory, by name; `q` finds a part of the name (case and
 * accents ignored) or of a domain.
 */
export async function listOrganisations(
  db: Kysely<DB>,
  query: OrganisationListQuery,
): Promise<{ rows: OrganisationRow[]; total: number }> {
  let base = db.selectFrom('organisations as o');
  if (query.q !== '') {
    const pattern = containing(query.q.toLowerCase());
    base = base.where((eb) =>
      eb.or([
        eb(sql<string>`unaccent(lower(o.name))`, 'like', sql<string>`unaccent(${pattern})`),
        eb.exists(
          eb
            .selectFrom('organisation_domains as od')
            .select('od.domain')
            .whereRef('od.organisation_id', '=', 'o.id')
            .where('od.domain', 'like', pattern),
        ),
      ]),
    );
  }
  const [page, total] = await Promise.all([
    base
      .select('o.id')
      .orderBy(sql`lower(o.name)`)
      .orderBy('o.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: await loadOrganisations(
      db,
      page.map((r) => r.id),
    ),
    total: Number(total.n),
  };
}
