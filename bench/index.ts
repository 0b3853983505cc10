/**
 * npm run bench: measured scenarios, printed as figures (never asserted).
 *
 * Foundation figures: first and second start of each backend (open + migrate +
 * default configuration), login latency (argon2id verify dominates) and an
 * authenticated API read, through the real Fastify app.
 * The PostgreSQL scenarios use BENCH_PG_URL (default: the local server) and
 * are skipped with a note when it cannot be reached.
 *
 * `npm run bench -- --import` runs the import scenario instead (bench/import-bench.ts:
 * Help Scout exports of 50,000 and 200,000 conversations on both backends; several minutes).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { applyDefaultConfiguration } from '../src/db/seed/apply-default-config.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { buildApp } from '../src/http/app.ts';
import { benchImport } from './import-bench.ts';

const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const print = (label: string, value: string) =>
  process.stdout.write(`${label.padEnd(58)} ${value}\n`);

async function timedStart(
  open: () => Promise<Database>,
): Promise<{ database: Database; ms: number }> {
  const start = process.hrtime.bigint();
  const database = await open();
  await migrate(database.db);
  await applyDefaultConfiguration(database.db);
  return { database, ms: ms(start) };
}

async function benchHttp(label: string, database: Database): Promise<void> {
  const password = randomBytes(12).toString('base64url');
  const email = `bench-${randomBytes(4).toString('hex')}@example.org`;
  await createUser(
    database.db,
    { email, name: 'Bench', role: 'agent', password },
    { userId: null, label: 'bench' },
  );
  const app = await buildApp({
    config: {
      publicUrl: new URL('http://localhost:3000'),
      sessionIdleMinutes: 60,
      sessionMaxHours: 24,
      trustProxy: [],
      logLevel: 'silent',
    },
    database,
    sessionSecret: randomBytes(48).toString('base64url'),
  });
  const logins: number[] = [];
  let cookie = '';
  for (let i = 0; i < 20; i++) {
    const start = process.hrtime.bigint();
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress: `10.9.0.${i}`,
    });
    logins.push(ms(start));
    cookie = String(response.headers['set-cookie']).split(';')[0] ?? '';
  }
  const reads: number[] = [];
  for (let i = 0; i < 300; i++) {
    const start = process.hrtime.bigint();
    await app.inject({ method: 'GET', url: '/api/mailboxes', headers: { cookie } });
    reads.push(ms(start));
  }
  print(
    `[${label}] login (argon2id) p50 / p95`,
    `${quantile(logins, 0.5).toFixed(1)} ms / ${quantile(logins, 0.95).toFixed(1)} ms`,
  );
  print(
    `[${label}] GET /api/mailboxes (session + query) p50 / p95`,
    `${quantile(reads, 0.5).toFixed(2)} ms / ${quantile(reads, 0.95).toFixed(2)} ms`,
  );
  await app.close();
}

async function benchPglite(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-'));
  const config = { kind: 'pglite' as const, dataDir: path.join(dir, 'pgdata') };
  const first = await timedStart(() => openDatabase(config));
  print('[pglite] first start (initdb + migrate + default config)', `${first.ms.toFixed(0)} ms`);
  await first.database.close();
  const second = await timedStart(() => openDatabase(config));
  print('[pglite] next start (open + check migrations)', `${second.ms.toFixed(0)} ms`);
  await benchHttp('pglite', second.database);
  await second.database.close();
  await rm(dir, { recursive: true, force: true });
}

async function benchPostgres(): Promise<void> {
  const admin = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    print('[postgres] skipped', `server not reachable at ${pgUrl}: ${(error as Error).message}`);
    return;
  }
  const name = `guichet_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const config = { kind: 'postgres' as const, url: url.toString(), poolSize: 10 };
  try {
    const first = await timedStart(() => openDatabase(config));
    print(
      '[postgres] first start (create db + migrate + default config)',
      `${first.ms.toFixed(0)} ms`,
    );
    await first.database.close();
    const second = await timedStart(() => openDatabase(config));
    print('[postgres] next start (connect + check migrations)', `${second.ms.toFixed(0)} ms`);
    await benchHttp('postgres', second.database);
    await second.database.close();
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

process.stdout.write(`Guichet benchmarks — node ${process.version}, ${os.cpus().length} cores\n`);
if (process.argv.includes('--import')) {
  await benchImport(pgUrl);
} else {
  await benchPglite();
  await benchPostgres();
}
