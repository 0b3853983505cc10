/**
 * A migrated embedded database, made once per test run by a global setup and
 * copied where a test needs one: a fresh PGlite data directory costs an
 * initdb and every migration (ten seconds and more on a loaded machine), a
 * copy a fraction of a second.
 *
 * - `prepareDataDirTemplate(dir)` (global setups): `dir/pgdata`, migrated and
 *   closed, and the same database as a tarball (PGlite's `loadDataDir`, for
 *   in-memory databases).
 * - `migratedDataDir(dataDir)` (tests, helpers): puts a copy into
 *   `dataDir/pgdata`, where `DATA_DIR=dataDir` finds it. A test of what a
 *   first start does on an empty DATA_DIR simply does not call it.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { databaseFromPglite, pgliteExtensions } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory (`…/pgdata`), to copy, never to open. */
    pgliteDataDir: string;
  }
}

export type DataDirTemplate = { dataDir: string; tarball: string };

/**
 * Creates `dir/pglite-template.tar` (migrated in memory, then dumped) and
 * `dir/pgdata` (that dump unpacked into a data directory, then closed).
 */
export async function prepareDataDirTemplate(dir: string): Promise<DataDirTemplate> {
  const memory = new PGlite({ extensions: pgliteExtensions });
  const database = databaseFromPglite(memory);
  let dump: Blob;
  try {
    await migrate(database.db);
    dump = await memory.dumpDataDir('none');
  } finally {
    await database.close();
  }
  const tarball = path.join(dir, 'pglite-template.tar');
  await writeFile(tarball, Buffer.from(await dump.arrayBuffer()));
  const dataDir = path.join(dir, 'pgdata');
  const onDisk = new PGlite(dataDir, { extensions: pgliteExtensions, loadDataDir: dump });
  await onDisk.waitReady;
  await onDisk.close();
  return { dataDir, tarball };
}

/** Copies the run's migrated template into `dataDir/pgdata`; returns `dataDir`. */
export async function migratedDataDir(dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  await cp(inject('pgliteDataDir'), path.join(dataDir, 'pgdata'), { recursive: true });
  return dataDir;
}
