/**
 * Imports the directory from a CSV file (see parse-directory-csv.ts). Each
 * valid line creates the organisation, or updates the one with the same name
 * (case and accents ignored): a non-empty type or département replaces the
 * stored one, domains are added. A bad line (unknown type or département,
 * webmail or malformed domain, domain of another organisation, formula) is
 * reported with its number and nothing of it is written; the other lines are.
 * A dry run does the very same work in a transaction that is rolled back, so
 * its report is exactly what the real import will do.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isAppError } from '../../errors/app-error.ts';
import { hasControlCharacter } from '../../shared/directory-contracts.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { type DirectoryFields, directoryFields, valueByLabel } from './directory-fields.ts';
import { organisationByName } from './organisation-name.ts';
import { type DirectoryCsvRow, parseDirectoryCsv } from './parse-directory-csv.ts';
import { normaliseDomains, setOrganisationDomains } from './set-organisation-domains.ts';
import { conflictOnDuplicate } from './unique-conflict.ts';

type Outcome = 'created' | 'updated' | 'unchanged';

class DryRunRollback extends Error {}

const quoted = (text: string) => `“${text.slice(0, 80)}”`;

/** The row's values checked against the directory; a message when the line must be refused. */
function resolveRow(fields: DirectoryFields, row: DirectoryCsvRow) {
  if (row.name === '') return { error: 'the name is empty' } as const;
  if (row.name.length > 300) return { error: 'the name is longer than 300 characters' } as const;
  if (hasControlCharacter(row.name))
    return { error: 'the name contains control characters' } as const;
  const type = row.type === '' ? null : valueByLabel(fields.partnerTypes, row.type);
  if (type === undefined)
    return {
      error: `unknown type ${quoted(row.type)} (expected one of: ${fields.partnerTypes
        .filter((v) => !v.archived)
        .map((v) => v.label)
        .join(', ')})`,
    } as const;
  const departement =
    row.departement === '' ? null : valueByLabel(fields.departements, row.departement);
  if (departement === undefined)
    return { error: `unknown département ${quoted(row.departement)}` } as const;
  let domains: string[];
  try {
    domains = normaliseDomains(row.domains);
  } catch (error) {
    if (isAppError(error)) return { error: error.message } as const;
    throw error;
  }
  return { typeId: type?.id ?? null, departementId: departement?.id ?? null, domains } as const;
}

async function importRow(
  trx: Transaction<DB>,
  row: DirectoryCsvRow,
  resolved: { typeId: string | null; departementId: string | null; domains: string[] },
): Promise<Outcome> {
  const existing = await organisationByName(trx, row.name);
  const current = existing
    ? (
        await trx
          .selectFrom('organisation_domains')
          .select('domain')
          .where('organisation_id', '=', existing.id)
          .execute()
      ).map((r) => r.domain)
    : [];
  const domains = [...new Set([...current, ...resolved.domains])];
  let id = existing?.id;
  let outcome: Outcome = 'created';
  if (existing) {
    const typeId = resolved.typeId ?? existing.partner_type_value_id;
    const departementId = resolved.departementId ?? existing.departement_value_id;
    const same =
      typeId === existing.partner_type_value_id &&
      departementId === existing.departement_value_id &&
      domains.length === current.length;
    if (same) return 'unchanged';
    outcome = 'updated';
    await trx
      .updateTable('organisations')
      .set({
        partner_type_value_id: typeId,
        departement_value_id: departementId,
        updated_at: new Date(),
      })
      .where('id', '=', existing.id)
      .execute();
  } else {
    const created = await trx
      .insertInto('organisations')
      .values({
        name: row.name,
        partner_type_value_id: resolved.typeId,
        departement_value_id: resolved.departementId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = created.id;
  }
  if (id) await setOrganisationDomains(trx, id, domains);
  return outcome;
}

/** Whether a domain of the row belongs to an organisation other than the row's. */
async function domainConflict(
  trx: Transaction<DB>,
  name: string,
  domains: string[],
): Promise<string | null> {
  if (domains.length === 0) return null;
  const owners = await trx
    .selectFrom('organisation_domains')
    .innerJoin('organisations', 'organisations.id', 'organisation_domains.organisation_id')
    .select(['organisation_domains.domain', 'organisations.name', 'organisations.id'])
    .where('organisation_domains.domain', 'in', domains)
    .execute();
  const own = await organisationByName(trx, name);
  const other = owners.find((o) => o.id !== own?.id);
  return other ? `${other.domain} already belongs to ${quoted(other.name)}` : null;
}

/** What an import did, line by line counted (presenters/organisation.ts shapes it for the API). */
export type DirectoryImportReport = {
  dryRun: boolean;
  lines: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Sorted by line. */
  errors: { line: number; message: string }[];
};

/** Imports `bytes` (the CSV file). Nothing is written when `dryRun`. */
export async function importOrganisations(
  db: Kysely<DB>,
  bytes: Uint8Array,
  options: { dryRun: boolean; actor: Actor },
): Promise<DirectoryImportReport> {
  const parsed = parseDirectoryCsv(bytes);
  const fields = await directoryFields(db);
  const report: DirectoryImportReport = {
    dryRun: options.dryRun,
    lines: parsed.rows.length + parsed.problems.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: [...parsed.problems],
  };
  try {
    await conflictOnDuplicate(() =>
      db.transaction().execute(async (trx) => {
        for (const row of parsed.rows) {
          const resolved = resolveRow(fields, row);
          if ('error' in resolved) {
            report.errors.push({ line: row.line, message: resolved.error ?? 'refused' });
            continue;
          }
          const conflict = await domainConflict(trx, row.name, resolved.domains);
          if (conflict) {
            report.errors.push({ line: row.line, message: conflict });
            continue;
          }
          report[await importRow(trx, row, resolved)]++;
        }
        report.errors.sort((a, b) => a.line - b.line);
        if (options.dryRun) throw new DryRunRollback();
        await recordAudit(trx, {
          action: 'organisation.import',
          actorUserId: options.actor.userId,
          actorLabel: options.actor.label,
          targetType: 'organisation',
          ip: options.actor.ip,
          details: {
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            errors: report.errors.length,
          },
        });
      }),
    );
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return report;
}
