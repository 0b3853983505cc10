import type { OrganisationDetail } from '../domain/organisations/get-organisation.ts';
import type { OrganisationRow } from '../domain/organisations/list-organisations.ts';
import type { OrganisationDetailDto, OrganisationDto } from '../shared/directory-contracts.ts';

export function presentOrganisation(row: OrganisationRow): OrganisationDto {
  return {
    id: row.id,
    name: row.name,
    partnerType: row.partnerType,
    departement: row.departement,
    domains: row.domains,
    contactCount: row.contactCount,
    ticketCount: row.ticketCount,
  };
}

export function presentOrganisationDetail(detail: OrganisationDetail): OrganisationDetailDto {
  return {
    ...presentOrganisation(detail),
    contacts: detail.contacts.map((c) => ({ id: c.id, name: c.name, email: c.email })),
    tickets: { ...detail.tickets },
  };
}
