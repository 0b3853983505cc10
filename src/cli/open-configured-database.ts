import { type Config, type DatabaseConfig, ensureDataDir, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { type Migration, migrate } from '../db/migrate.ts';

/** Opens the database and brings its schema up to date; closes it again if migrating fails. */
export async function openMigrated(
  config: DatabaseConfig,
): Promise<{ database: Database; applied: Migration[] }> {
  const database = await openDatabase(config);
  try {
    const { applied } = await migrate(database.db);
    return { database, applied };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Loads settings, opens the database and brings its schema up to date: the start of every CLI command. */
async function openConfiguredDatabase(): Promise<{ config: Config; database: Database }> {
  const config = loadConfig();
  if (config.database.kind === 'pglite') await ensureDataDir(config.dataDir);
  const { database } = await openMigrated(config.database);
  return { config, database };
}

/** Runs `task` on the configured database and always closes it. */
export async function withDatabase<T>(
  task: (database: Database, config: Config) => Promise<T>,
): Promise<T> {
  const { config, database } = await openConfiguredDatabase();
  try {
    return await task(database, config);
  } finally {
    await database.close();
  }
}
