import type { Kysely } from 'kysely';
import { systemActor } from '../../domain/audit/record-audit.ts';
import { importConfiguration } from '../../domain/configuration/import-configuration.ts';
import { applyDefaultHelpCentre } from '../../portal/seed/apply-default-help-centre.ts';
import type { DB } from '../schema.ts';
import { defaultConfiguration } from './default-config.ts';

/**
 * Creates the default configuration on a database that has no mailbox yet
 * (first start). Returns whether it did. A database that already has a
 * configuration is never touched: supervisors own it from then on. The help
 * centre (natures, sites, starter drafts) is loaded the same way, on its own:
 * a database created before it existed gets it at the next start.
 */
export async function applyDefaultConfiguration(db: Kysely<DB>): Promise<boolean> {
  const applied =
    (await importConfiguration(db, defaultConfiguration, systemActor, { onlyIfEmpty: true })) !==
    null;
  await applyDefaultHelpCentre(db);
  return applied;
}
