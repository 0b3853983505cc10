/**
 * Vitest global setup: prepares one migrated template per backend, so that
 * each test file gets a fresh database in about a second instead of running
 * initdb and every migration again.
 *
 * - PGlite: a migrated data directory (copied by tests that need a DATA_DIR,
 *   test/pglite-template.ts) and the same database dumped to a tarball (loaded
 *   by in-memory databases).
 * - PostgreSQL server: a migrated template database; files CREATE DATABASE … TEMPLATE it.
 *
 * The server is required when CI=true or GUICHET_TEST_REQUIRE_PG=1; elsewhere
 * its suites are skipped with a warning when it cannot be reached.
 *
 * It also compiles dist/server when stale (the `guichet` processes the CLI
 * suites start run it), once here rather than in the first process of each file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildServerIfStale } from '../bin/build-server.mjs';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import {
  adminQuery,
  adminUrl,
  pgRequired,
  seededTemplateName,
  templateName,
} from './pg-settings.ts';
import { prepareDataDirTemplate } from './pglite-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgAvailable: boolean;
    pgTemplate: string;
  }
}

async function preparePostgres(template: string): Promise<boolean> {
  try {
    await adminQuery('select 1');
  } catch (error) {
    const message = `PostgreSQL server not reachable at ${adminUrl()}: ${(error as Error).message}`;
    if (pgRequired()) throw new Error(`${message}. The server suite is required here (CI).`);
    console.warn(
      `\n⚠ ${message}\n⚠ Server-backend tests are SKIPPED. Set GUICHET_TEST_REQUIRE_PG=1 to fail instead.\n`,
    );
    return false;
  }
  await adminQuery(`drop database if exists "${template}"`);
  await adminQuery(`create database "${template}"`);
  const url = new URL(adminUrl());
  url.pathname = `/${template}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 1 });
  await migrate(database.db);
  await database.close();
  return true;
}

export default async function setup(project: TestProject) {
  buildServerIfStale();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-test-'));
  const template = templateName();
  const [pglite, pgAvailable] = await Promise.all([
    prepareDataDirTemplate(dir),
    preparePostgres(template),
  ]);
  project.provide('pgliteTemplate', pglite.tarball);
  project.provide('pgliteDataDir', pglite.dataDir);
  project.provide('pgAvailable', pgAvailable);
  project.provide('pgTemplate', template);
  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (!pgAvailable) return;
    for (const name of [seededTemplateName(template), template])
      await adminQuery(`drop database if exists "${name}"`).catch(() => {});
  };
}
