/**
 * `guichet serve --role` and `--processes` through the real process: the
 * embedded database refuses anything but one process serving everything, and
 * on a PostgreSQL server two web processes answer on one port while the
 * background jobs run in the primary only.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServerDatabase, pgAvailable } from '../../test/backends.ts';
import {
  cliSandbox,
  expectFailure,
  type Running,
  randomSecret,
  run,
  start,
} from '../../test/cli.ts';
import { freePort } from '../../test/ports.ts';
import { type Database, openDatabase } from '../db/client.ts';

describe('guichet serve: roles and processes on the embedded database', () => {
  const sandbox = cliSandbox();
  const env = () => ({ DATA_DIR: path.join(sandbox(), 'data') });

  it('allows only the role all, in one process, with a clear message', async () => {
    expectFailure(
      await run(['serve', '--role', 'worker'], env()),
      78,
      /--role worker needs a PostgreSQL server \(DATABASE_URL\)/,
    );
    expectFailure(
      await run(['serve', '--role', 'web'], env()),
      78,
      /--role web needs a PostgreSQL server/,
    );
    expectFailure(
      await run(['serve', '--processes', '2'], env()),
      78,
      /--processes above 1 needs a PostgreSQL server/,
    );
    expectFailure(
      await run(['serve'], { ...env(), WEB_PROCESSES: '2' }),
      78,
      /WEB_PROCESSES above 1 needs a PostgreSQL server/,
    );
    expectFailure(
      await run(['serve', '--role', 'cook'], env()),
      2,
      /--role must be all, web or worker/,
    );
  }, 300_000);
});

/** GET /healthz on a new connection: the status, the body and which web process answered. */
function healthz(port: number): Promise<{ status: number; body: string; process: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          process: String(res.headers['x-guichet-web-process'] ?? ''),
        }),
      );
    });
    request.on('error', reject);
  });
}

describe.skipIf(!pgAvailable())('guichet serve --processes 2 on a PostgreSQL server', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let dir = '';
  let port = 0;
  let server: Running | undefined;

  beforeAll(async () => {
    const created = await createServerDatabase(inject('pgTemplate'));
    drop = created.drop;
    database = await openDatabase({ kind: 'postgres', url: created.url, poolSize: 2 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-serve-processes-'));
    port = await freePort();
    server = start(
      ['serve', '--processes', '2'],
      {
        DATABASE_URL: created.url,
        DATA_DIR: path.join(dir, 'data'),
        PORT: String(port),
        SESSION_SECRET: randomSecret(),
      },
      { timeoutMs: 240_000 },
    );
    await server.waitForOutput(/Stop with Ctrl\+C/, 180_000);
  }, 200_000);

  afterAll(async () => {
    server?.kill('SIGTERM');
    await server?.exited;
    await database?.close();
    await drop?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers from both web processes on one port and runs the background jobs once, in the primary', async () => {
    const primary = server?.pid;
    expect(server?.stdout()).toContain(
      `Web processes: 2 on one port; background jobs in process ${primary}`,
    );
    const answered = new Set<string>();
    for (let i = 0; i < 40 && answered.size < 2; i++) {
      const answer = await healthz(port);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ status: 'ok', database: 'ok' });
      answered.add(answer.process);
    }
    expect([...answered].sort()).toEqual(['1', '2']);

    // Housekeeping runs as soon as the jobs start: one run of this hour, by the primary.
    const runs = async () =>
      (
        await sql<{ status: string; locked_by: string | null }>`
          select status, locked_by from job_runs where name = 'housekeeping'`.execute(database.db)
      ).rows;
    await expect
      .poll(async () => (await runs()).map((r) => r.status), { timeout: 60_000, interval: 200 })
      .toEqual(['done']);
    const [housekeeping] = await runs();
    expect(housekeeping?.locked_by).toMatch(new RegExp(`:${primary}$`));
    const owners = await sql<{ locked_by: string | null }>`
      select distinct locked_by from job_runs`.execute(database.db);
    expect(owners.rows.map((o) => o.locked_by)).toEqual([housekeeping?.locked_by]);
  });

  it('stops every process on SIGTERM', async () => {
    server?.kill('SIGTERM');
    const result = await server?.exited;
    expect(result?.code).toBe(0);
    expect(result?.stdout).toContain('Stopping Guichet (SIGTERM)');
    await expect(healthz(port)).rejects.toThrow(/ECONNREFUSED/);
    server = undefined;
  });
});
