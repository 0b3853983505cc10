import type { OrganisationDetail } from '../domain/organisations/get-organisation.ts';
import type { DirectoryImportReport } from '../domain/organisations/import-organisations.ts';
import type { OrganisationRow } from '../domain/organisations/list-organisations.ts';
import type {
  DirectoryImportDto,
  OrganisationDetailDto,
  OrganisationDto,
} from '../shared/directory-contracts.ts';

export function presentOrganisation(row: OrganisationRow): OrganisationDto {
  return {
    id: row.id,
    name: row.name,
    partnerType: row.partnerType,
    departement: row.departement,
    domains: row.domains,
    contactCount: row.contactCount,
    ticketCount: row.ticketCount,
    siret: row.siret,
  };
}

export function presentOrganisationDetail(detail: OrganisationDetail): OrganisationDetailDto {
  return {
    ...presentOrganisation(detail),
    contacts: detail.contacts.map((c) => ({ id: c.id, name: c.name, email: c.email })),
    tickets: { ...detail.tickets },
  };
}

/** A directory import's counts and the refused lines (each with its line number and why). */
export function presentDirectoryImport(report: DirectoryImportReport): DirectoryImportDto {
  return {
    dryRun: report.dryRun,
    lines: report.lines,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    errors: report.errors.map((e) => ({ line: e.line, message: e.message })),
  };
}
