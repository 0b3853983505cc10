import { type Config, ensureDataDir, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

/** Loads settings, opens the database and brings its schema up to date: the start of every CLI command. */
export async function openConfiguredDatabase(): Promise<{ config: Config; database: Database }> {
  const config = loadConfig();
  if (config.database.kind === 'pglite') await ensureDataDir(config.dataDir);
  const database = await openDatabase(config.database);
  try {
    await migrate(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
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
