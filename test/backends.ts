/**
 * Runs a test suite once per database backend, each on a fresh database.
 *
 *   describeEachBackend('users', (ctx) => {
 *     it('creates one', async () => { await createUser(ctx.db, …) });
 *   });
 *
 * PGlite databases are loaded from the migrated template (global-setup.ts);
 * server databases are created from the template database and dropped after.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import {
  type Database,
  databaseFromPglite,
  openDatabase,
  pgliteExtensions,
} from '../src/db/client.ts';
import type { DB } from '../src/db/schema.ts';
import { adminQuery, adminUrl } from './pg-settings.ts';
import { openSeededDatabase } from './seeded-template.ts';

export type Backend = 'pglite' | 'postgres';
export const backends: Backend[] = ['pglite', 'postgres'];

export const pgAvailable = (): boolean => inject('pgAvailable');

/** A fresh server database URL; `template` null means empty (not migrated). */
export async function createServerDatabase(
  template: string | null,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `guichet_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database "${name}"${template ? ` template "${template}"` : ''}`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await adminQuery(`drop database if exists "${name}" with (force)`);
    },
  };
}

/** Opens a fresh database on `backend`; migrated unless `empty`. */
export async function openTestDatabase(
  backend: Backend,
  options: { empty?: boolean } = {},
): Promise<Database> {
  if (backend === 'pglite') {
    const loadDataDir = options.empty
      ? undefined
      : new Blob([await readFile(inject('pgliteTemplate'))]);
    const instance = new PGlite({
      extensions: pgliteExtensions,
      parsers: { 20: Number },
      loadDataDir,
    });
    await instance.waitReady;
    return databaseFromPglite(instance);
  }
  const server = await createServerDatabase(options.empty ? null : inject('pgTemplate'));
  const database = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await server.drop();
    },
  };
}

export type BackendContext = {
  backend: Backend;
  readonly db: Kysely<DB>;
  readonly database: Database;
};

/** Declares the suite once per backend (server suites skipped when the server is absent outside CI). */
export function describeEachBackend(
  name: string,
  body: (ctx: BackendContext) => void,
  /** `empty`: not migrated; `seeded`: holding the seed-shaped fixture (seeded-template.ts). */
  options: { empty?: boolean; seeded?: boolean } = {},
) {
  for (const backend of backends) {
    describe.skipIf(backend === 'postgres' && !pgAvailable())(`${name} [${backend}]`, () => {
      let database: Database | undefined;
      const ctx: BackendContext = {
        backend,
        get database() {
          if (!database) throw new Error('database not opened yet (use it inside tests or hooks)');
          return database;
        },
        get db() {
          return ctx.database.db;
        },
      };
      beforeAll(
        async () => {
          database = options.seeded
            ? await openSeededDatabase(backend)
            : await openTestDatabase(backend, options);
        },
        // the first suite to ask for the seeded fixture builds it: minutes under load
        options.seeded ? 900_000 : undefined,
      );
      afterAll(async () => {
        await database?.close();
      });
      body(ctx);
    });
  }
}
