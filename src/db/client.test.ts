import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/http.ts';
import { openDatabase } from './client.ts';
import { migrate } from './migrate.ts';

describe('embedded database (PGlite on disk)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-client-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps data across close and reopen, and lets one process at a time open it', async () => {
    const config = { kind: 'pglite' as const, dataDir: path.join(dir, 'pgdata') };
    const first = await openDatabase(config);
    await migrate(first.db);
    await first.db
      .insertInto('settings')
      .values({ key: 'probe', value: JSON.stringify({ kept: true }) })
      .execute();
    // Opening it twice in one process is refused…
    await expect(openDatabase(config)).rejects.toThrow(/already open in this process/);
    // …and so is another process while it is alive…
    await first.close();
    await writeFile(path.join(dir, 'guichet.lock'), String(process.ppid));
    await expect(openDatabase(config)).rejects.toThrow(/in use by another Guichet process/);

    // …and a stale lock (its process is gone) is taken over.
    await writeFile(path.join(dir, 'guichet.lock'), '999999999');
    const second = await openDatabase(config);
    const row = await second.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'probe')
      .executeTakeFirst();
    expect(row?.value).toEqual({ kept: true });
    await second.close();
  });
});

describe('health when the database is gone', () => {
  it('answers 503 without details', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-health-'));
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pgdata') });
    await migrate(database.db);
    const app = await buildTestApp(database);
    await database.close();
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'error', database: 'unreachable' });
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });
});
