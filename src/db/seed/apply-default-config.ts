import type { Kysely } from 'kysely';
import { systemActor } from '../../domain/audit/record-audit.ts';
import { importConfiguration } from '../../domain/configuration/import-configuration.ts';
import type { DB } from '../schema.ts';
import { defaultConfiguration } from './default-config.ts';

/**
 * Creates the default configuration on a database that has no mailbox yet
 * (first start). Returns whether it did. A database that already has a
 * configuration is never touched: supervisors own it from then on.
 */
export async function applyDefaultConfiguration(db: Kysely<DB>): Promise<boolean> {
  return (
    (await importConfiguration(db, defaultConfiguration, systemActor, { onlyIfEmpty: true })) !==
    null
  );
}
