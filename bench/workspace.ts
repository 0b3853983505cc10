/**
 * npm run bench -- workspace (issue 6): the inbox list and search API on the
 * PostgreSQL server with 1,000,000 tickets and 5,000,000 messages, 50
 * concurrent clients on loopback through the real Fastify app (bench/http-load.ts),
 * p50 / p95 and throughput; the search scenarios again through `guichet serve
 * --role web` with 1 and then 2 web processes on one port (issue 17), side by
 * side; then the initial JavaScript of the web app, gzipped.
 * BENCH_WORKSPACE_TICKETS sets a smaller size for a quick check (its own database).
 *
 * The data is generated in SQL (generate_series) into `guichet_bench_workspace`
 * and kept: a later run reuses it when the counts are right.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { applyDefaultConfiguration } from '../src/domain/configuration/apply-default-config.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { benchApp } from './bench-app.ts';
import { httpLoad, quantile } from './http-load.ts';
import { commonPairs, generateWorkspace } from './workspace-data.ts';
import { wrkAvailable, wrkLoad } from './wrk-load.ts';

const ticketCount = Number(process.env.BENCH_WORKSPACE_TICKETS ?? 1_000_000);
const messagesPerTicket = 5;
const concurrency = 50;
const requestsPerScenario = 1_000;
const dbName =
  ticketCount === 1_000_000 ? 'guichet_bench_workspace' : `guichet_bench_workspace_${ticketCount}`;
/** The connections of the app as served: DATABASE_POOL_SIZE's default (src/config.ts). */
const poolSize = 10;
const contactCount = Math.min(100_000, ticketCount);

const print = (label: string, value: string) =>
  process.stdout.write(`${label.padEnd(58)} ${value}\n`);

async function counts(database: Database): Promise<{ tickets: number; messages: number }> {
  const row = await sql<{ tickets: string; messages: string }>`
    select (select count(*) from tickets) as tickets, (select count(*) from messages) as messages`.execute(
    database.db,
  );
  return { tickets: Number(row.rows[0]?.tickets), messages: Number(row.rows[0]?.messages) };
}

async function prepare(baseUrl: string): Promise<{ database: Database; url: string }> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const exists = await admin.query('select 1 from pg_database where datname = $1', [dbName]);
  if (exists.rowCount) {
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize });
    const found = await counts(database).catch(() => ({ tickets: 0, messages: 0 }));
    if (found.tickets === ticketCount && found.messages === ticketCount * messagesPerTicket) {
      await admin.end();
      await migrate(database.db); // a later version's migrations, on the kept data
      print('workspace data', `reused (${found.tickets} tickets, ${found.messages} messages)`);
      return { database, url: url.toString() };
    }
    await database.close();
    await admin.query(`drop database "${dbName}" with (force)`);
  }
  await admin.query(`create database "${dbName}"`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize });
  await migrate(database.db);
  await applyDefaultConfiguration(database.db);
  const start = Date.now();
  await generateWorkspace(url.toString(), {
    tickets: ticketCount,
    contacts: contactCount,
    messagesPerTicket,
  });
  print(
    `workspace data generated (${ticketCount} tickets, ${ticketCount * messagesPerTicket} messages)`,
    `${((Date.now() - start) / 1000).toFixed(0)} s`,
  );
  return { database, url: url.toString() };
}

/**
 * `paths` in turn by 50 clients in a closed loop: with wrk when it is installed
 * (bench/wrk-load.ts: 3 s of warm-up, then 6 s counted), else with the JavaScript
 * generator (400 requests of warm-up, then 1,000 counted).
 */
async function load(
  base: string,
  cookie: string,
  paths: string[],
): Promise<{ p50: number; p95: number; rps: number; errors: number }> {
  const requests = paths.map((path) => ({ path, headers: { cookie } }));
  const wrk = await wrkLoad({ base, requests, concurrency, seconds: 6, warmupSeconds: 3 });
  if (wrk) return wrk;
  const result = await httpLoad({
    base,
    requests,
    total: requestsPerScenario,
    concurrency,
    warmup: 400,
  });
  return {
    p50: quantile(result.latencies, 0.5),
    p95: quantile(result.latencies, 0.95),
    rps: result.latencies.length / result.seconds,
    errors: result.failed, // e.g. 503 when the pool waits too long
  };
}

function printLoad(label: string, r: Awaited<ReturnType<typeof load>>): void {
  print(
    label,
    `p50 ${r.p50.toFixed(1)} ms · p95 ${r.p95.toFixed(1)} ms · ${r.rps.toFixed(0)} req/s${r.errors ? ` · ${r.errors} errors` : ''}`,
  );
}

async function initialJavaScript(): Promise<void> {
  const root = path.resolve('dist/web');
  if (!existsSync(path.join(root, 'index.html'))) {
    print('initial JavaScript (gzip)', 'dist/web missing: run npm run build first');
    return;
  }
  const html = await readFile(path.join(root, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  let total = 0;
  for (const file of new Set(files))
    total += gzipSync(await readFile(path.join(root, file))).length;
  print(
    'initial JavaScript of the app (gzip, target < 400 KB)',
    `${(total / 1024).toFixed(1)} KB in ${new Set(files).size} file(s)`,
  );
}

/** A free TCP port on loopback. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * Runs `guichet serve --role web --processes <n>` on the bench database until
 * `task` is done with its base URL: the web processes as deployed, each with
 * its own pool of DATABASE_POOL_SIZE connections.
 */
async function withWebProcesses<T>(
  url: string,
  processes: number,
  task: (base: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-web-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.resolve('bin/guichet.mjs'), 'serve', '--role', 'web', '--processes', String(processes)],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dir,
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: String(poolSize),
        DATA_DIR: dir,
        PORT: String(port),
        SESSION_SECRET: randomBytes(36).toString('base64url'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        if (output.includes('Stop with Ctrl+C')) resolve();
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
      });
      child.once('exit', (code) => reject(new Error(`guichet serve ended (${code}): ${output}`)));
    });
    return await task(`http://127.0.0.1:${port}`);
  } finally {
    child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  }
}

/** Logs in as the bench agent; the session cookie. */
async function login(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password }),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The search scenarios with 1 and 2 web processes, printed side by side. */
async function searchByProcesses(
  url: string,
  email: string,
  password: string,
  scenarios: [string, string[]][],
): Promise<void> {
  const byCount = new Map<number, Awaited<ReturnType<typeof load>>[]>();
  for (const processes of [1, 2]) {
    byCount.set(
      processes,
      await withWebProcesses(url, processes, async (base) => {
        const cookie = await login(base, email, password);
        const results = [];
        for (const [, paths] of scenarios) results.push(await load(base, cookie, paths));
        return results;
      }),
    );
  }
  const show = (r: Awaited<ReturnType<typeof load>> | undefined) =>
    r
      ? `${r.rps.toFixed(0)} req/s (p95 ${r.p95.toFixed(0)} ms)${r.errors ? ` ${r.errors} errors` : ''}`
      : '—';
  scenarios.forEach(([label], i) => {
    print(
      `${label}, web processes`,
      `1: ${show(byCount.get(1)?.[i])} · 2: ${show(byCount.get(2)?.[i])}`,
    );
  });
}

export async function benchWorkspace(pgUrl: string): Promise<void> {
  process.stdout.write(
    `\nWorkspace (issue 6): inbox and search API, 50 concurrent clients (${wrkAvailable() ? 'wrk' : 'bench/http-load.ts: install wrk for a lighter load generator'})\n`,
  );
  let prepared: { database: Database; url: string };
  try {
    prepared = await prepare(pgUrl);
  } catch (error) {
    print('workspace', `skipped: ${(error as Error).message}`);
    await initialJavaScript();
    return;
  }
  const { database } = prepared;
  const password = randomBytes(12).toString('base64url');
  const email = `bench-ws-${randomBytes(4).toString('hex')}@example.org`;
  await createUser(
    database.db,
    { email, name: 'Bench', role: 'agent', password },
    { userId: null, label: 'bench' },
  );
  // The app as served, and the same with the inbox's shared answers off (each list
  // and count computed for its request: what one change costs, printed apart).
  const start = async (inboxCache: { maxEntries: number } | undefined) => {
    const { app } = await benchApp(database, 'http://127.0.0.1', { inboxCache });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email, password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return { app, base, cookie };
  };
  const { app, base, cookie } = await start(undefined);
  const ids = Array.from({ length: 200 }, (_, i) => 1 + ((i * 4999) % ticketCount));
  const scenarios: [string, string[]][] = [
    ['inbox: unassigned, all mailboxes (first page of 50)', ['/api/inbox?folder=unassigned']],
    ['inbox: closed (≈960k tickets), first page', ['/api/inbox?folder=closed']],
    ['inbox: counts of the folders', ['/api/inbox/counts']],
    [
      'search: a numéro unique (18 characters)',
      ids.map((id) => `/api/inbox?folder=all&q=NU${String(id).padStart(16, '0')}`),
    ],
    ['search: a ticket number', ids.map((id) => `/api/inbox?folder=all&q=%23${1000 + id}`)],
    [
      'search: a contact name',
      ids.map((id) => `/api/inbox?folder=all&q=Contact%20${id % contactCount}`),
    ],
    [
      'search: two common words (10 pairs, each in ≈ 1 ticket in 4)',
      commonPairs.map(([a, b]) => `/api/inbox?folder=all&q=${encodeURIComponent(`${a} ${b}`)}`),
    ],
  ];
  for (const [label, paths] of scenarios) printLoad(label, await load(base, cookie, paths));
  await app.close();
  await searchByProcesses(
    prepared.url,
    email,
    password,
    scenarios.filter(([label]) => label.startsWith('search:')),
  );
  const uncached = await start({ maxEntries: 0 });
  const off: [string, string][] = [
    ['inbox: unassigned, shared answers off', '/api/inbox?folder=unassigned'],
    ['inbox: counts, shared answers off', '/api/inbox/counts'],
  ];
  for (const [label, path] of off)
    printLoad(label, await load(uncached.base, uncached.cookie, [path]));
  await uncached.app.close();
  await database.close();
  await initialJavaScript();
}
