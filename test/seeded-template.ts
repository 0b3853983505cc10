/**
 * The seed-shaped fixture (fixtures/seed-fixture.ts: some 15,000 tickets through the real
 * timing code) built once per test run and backend, then copied: the report, retention
 * and CLI report suites each used to build it on both backends, minutes of a CI run.
 *
 * The first suite that asks builds it (a directory made with `mkdir` is the lock: atomic
 * on one machine), the others wait for its "ready" file, then copy:
 * - PGlite: a dump of the seeded database (a tarball loaded in memory, or unpacked into a
 *   DATA_DIR for the CLI's processes);
 * - PostgreSQL server: a seeded template database (CREATE DATABASE … TEMPLATE).
 * A copy is an ordinary fresh database: suites may change it freely.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import {
  type Database,
  databaseFromPglite,
  openDatabase,
  pgliteExtensions,
} from '../src/db/client.ts';
import type { DB } from '../src/db/schema.ts';
import { buildSeedFixture } from './fixtures/seed-fixture.ts';
import { adminQuery, adminUrl, seededTemplateName } from './pg-settings.ts';

const runDir = (): string => path.dirname(inject('pgliteTemplate'));
const readyFile = (backend: Backend) => path.join(runDir(), `seed-${backend}.json`);
const dumpFile = () => path.join(runDir(), 'seed-pglite.tar');

type Backend = 'pglite' | 'postgres';

type Ready = { ok: true } | { ok: false; error: string };

/** The mailboxes of a seeded database, by slug (what buildSeedFixture returns). */
export async function seedMailboxes(db: Kysely<DB>): Promise<Record<string, string>> {
  const rows = await db.selectFrom('mailboxes').select(['id', 'slug']).execute();
  return Object.fromEntries(rows.map((row) => [row.slug, row.id]));
}

async function serverUrl(name: string): Promise<string> {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Builds the seeded copy of `backend` once for the run. */
async function build(backend: Backend): Promise<void> {
  if (backend === 'pglite') {
    const instance = new PGlite({
      extensions: pgliteExtensions,
      parsers: { 20: Number },
      loadDataDir: new Blob([await readFile(inject('pgliteTemplate'))]),
    });
    const database = databaseFromPglite(instance);
    try {
      await buildSeedFixture(database.db);
      const dump = await instance.dumpDataDir('none');
      const partial = `${dumpFile()}.${process.pid}`;
      await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      await rename(partial, dumpFile());
    } finally {
      await database.close();
    }
    return;
  }
  const name = seededTemplateName(inject('pgTemplate'));
  await adminQuery(`drop database if exists "${name}"`);
  await adminQuery(`create database "${name}" template "${inject('pgTemplate')}"`);
  const database = await openDatabase({
    kind: 'postgres',
    url: await serverUrl(name),
    poolSize: 2,
  });
  try {
    await buildSeedFixture(database.db);
  } finally {
    await database.close();
  }
}

/** Waits until the run's seeded copy of `backend` exists, building it when first to ask. */
async function seededReady(backend: Backend): Promise<void> {
  let first = true;
  try {
    await mkdir(path.join(runDir(), `seed-${backend}.lock`));
  } catch {
    first = false;
  }
  if (first) {
    let ready: Ready = { ok: true };
    try {
      await build(backend);
    } catch (error) {
      ready = { ok: false, error: (error as Error).message };
    }
    await writeFile(readyFile(backend), JSON.stringify(ready));
    if (!ready.ok) throw new Error(`seed fixture (${backend}): ${ready.error}`);
    return;
  }
  // Another suite builds it: minutes on a loaded machine; the hooks' timeouts bound the wait.
  for (;;) {
    const text = await readFile(readyFile(backend), 'utf8').catch(() => null);
    if (text !== null) {
      const ready = JSON.parse(text) as Ready;
      if (!ready.ok) throw new Error(`seed fixture (${backend}), built elsewhere: ${ready.error}`);
      return;
    }
    await sleep(250);
  }
}

/** A fresh database holding the seed-shaped fixture. */
export async function openSeededDatabase(backend: Backend): Promise<Database> {
  await seededReady(backend);
  if (backend === 'pglite') {
    const instance = new PGlite({
      extensions: pgliteExtensions,
      parsers: { 20: Number },
      loadDataDir: new Blob([await readFile(dumpFile())]),
    });
    await instance.waitReady;
    return databaseFromPglite(instance);
  }
  const server = await seededServerDatabase();
  const database = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await server.drop();
    },
  };
}

/** A fresh server database copied from the seeded template (the caller drops it). */
export async function seededServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  await seededReady('postgres');
  const name = `guichet_s_${randomBytes(6).toString('hex')}`;
  await adminQuery(
    `create database "${name}" template "${seededTemplateName(inject('pgTemplate'))}"`,
  );
  return {
    url: await serverUrl(name),
    drop: async () => {
      await adminQuery(`drop database if exists "${name}" with (force)`);
    },
  };
}

/** Unpacks the seeded embedded database into `dataDir/pgdata` (a DATA_DIR for `guichet`). */
export async function seededDataDir(dataDir: string): Promise<string> {
  await seededReady('pglite');
  await mkdir(dataDir, { recursive: true });
  const onDisk = new PGlite(path.join(dataDir, 'pgdata'), {
    extensions: pgliteExtensions,
    loadDataDir: new Blob([await readFile(dumpFile())]),
  });
  await onDisk.waitReady;
  await onDisk.close();
  return dataDir;
}
