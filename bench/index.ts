/**
 * npm run bench: measured scenarios, printed as figures (never asserted).
 *
 * Foundation figures: first and second start of each backend (open + migrate +
 * default configuration), login latency (argon2id verify dominates) and an
 * authenticated API read, through the real Fastify app.
 * Mail figures (bench/mail.ts): inbound through the SMTP listener, outbound to a local sink.
 * The PostgreSQL scenarios use BENCH_PG_URL (default: the local server) and
 * are skipped with a note when it cannot be reached.
 *
 * `npm run bench -- helpcentre` runs the help-centre scenario (bench/helpcentre.ts: contact-form
 * submissions per second with none lost, article pages at 100 concurrent readers).
 * `npm run bench -- mail` measures mail intake (bench/mail.ts, issue 22): IMAP and the SMTP
 * listener on both backends, a 10,000-mail backlog.
 * `npm run bench -- webhooks` delivers ticket events at 200/s to a local receiver (bench/webhooks.ts).
 * `npm run bench -- tokens` / `exports` (bench/api-tokens.ts, issue 21): bearer authentication's
 * overhead; a 1,000,000-ticket export as CSV and XLSX (rows/s, resident memory).
 * `npm run bench -- rules` measures automation rules (bench/rules.ts, issue 19): the work 200 rules
 * add to one message, and the SMTP intake rate with 50 rules and their job running.
 * `npm run bench -- cli` times the start of the `guichet` command against `node -e 0` (bench/cli-start.ts).
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
import { applyDefaultConfiguration } from '../src/domain/configuration/apply-default-config.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { benchExports, benchTokens } from './api-tokens.ts';
import { benchApp } from './bench-app.ts';
import { benchCliStart } from './cli-start.ts';
import { benchDashboard } from './dashboard.ts';
import { benchHelpCentre } from './helpcentre.ts';
import { benchImport } from './import-bench.ts';
import { benchInbound, benchMailIntake, benchOutbound } from './mail.ts';
import { benchFullReport, benchReportVersusFloor } from './reports.ts';
import { benchRetention } from './retention.ts';
import { benchRules } from './rules.ts';
import { benchTargets } from './targets.ts';
import { benchWebhooks } from './webhooks.ts';
import { benchWorkspace } from './workspace.ts';

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
  const { app } = await benchApp(database, 'http://localhost:3000');
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
  await benchInbound('pglite', second.database, print, 500, 4);
  await benchOutbound('pglite', second.database, print, 300);
  await second.database.close();
  await rm(dir, { recursive: true, force: true });
}

async function benchPostgres(): Promise<void> {
  await withServerDatabase(async (_database, config) => {
    // the database exists already: close the helper's connection and time our own starts
    const first = await timedStart(() => openDatabase(config));
    print(
      '[postgres] first start (migrate + default config on an empty database)',
      `${first.ms.toFixed(0)} ms`,
    );
    await first.database.close();
    const second = await timedStart(() => openDatabase(config));
    print('[postgres] next start (connect + check migrations)', `${second.ms.toFixed(0)} ms`);
    await benchHttp('postgres', second.database);
    await benchInbound('postgres', second.database, print);
    await benchOutbound('postgres', second.database, print);
    await second.database.close();
  });
}

/** Report scenarios: PGlite with 70,000 tickets, then the server with 1,000,000 (BENCH_REPORT_TICKETS). */
async function benchReports(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-'));
  const embedded = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pgdata') });
  await migrate(embedded.db);
  await benchFullReport(embedded, 70_000, print);
  await embedded.close();
  await rm(dir, { recursive: true, force: true });
  await withServerDatabase(async (database) => {
    const tickets = Number(process.env.BENCH_REPORT_TICKETS ?? 1_000_000);
    await migrate(database.db);
    await benchReportVersusFloor(database, tickets, print);
  });
}

/** A fresh database on the server for `work`, dropped afterwards; skipped with a note when unreachable. */
async function withServerDatabase(
  work: (
    database: Database,
    config: { kind: 'postgres'; url: string; poolSize: number },
  ) => Promise<void>,
): Promise<void> {
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
  const database = await openDatabase(config);
  try {
    await work(database, config);
  } finally {
    await database.close();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

// npm run bench [-- foundation reports import workspace]: all but import and workspace when none is named.
const scenarios: Record<string, () => Promise<void>> = {
  foundation: async () => {
    await benchPglite();
    await benchPostgres();
  },
  reports: benchReports,
  import: () => benchImport(pgUrl),
  workspace: () => benchWorkspace(pgUrl),
  helpcentre: () => withServerDatabase((database) => benchHelpCentre(database, print)),
  retention: () => withServerDatabase((database) => benchRetention('postgres', database, print)),
  cli: async () => benchCliStart(print),
  targets: () => benchTargets(pgUrl, print),
  dashboard: () => benchDashboard(pgUrl, print),
  mail: () => benchMailIntake((work) => withServerDatabase((database) => work(database))),
  webhooks: () => withServerDatabase((database) => benchWebhooks(database, print)),
  // issue 21: bearer authentication's cost; exports of tickets (rows/s, memory)
  tokens: () => withServerDatabase((database) => benchTokens('postgres', database, print)),
  exports: async () => {
    // BENCH_EXPORT_DB_URL: a database already holding the tickets (kept between runs).
    const kept = process.env.BENCH_EXPORT_DB_URL;
    if (!kept) return withServerDatabase((database) => benchExports(database, print));
    const database = await openDatabase({ kind: 'postgres', url: kept, poolSize: 10 });
    try {
      await benchExports(database, print);
    } finally {
      await database.close();
    }
  },
  rules: () => withServerDatabase((database) => benchRules(database, print)),
};
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in scenarios));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown scenario: ${unknown.join(', ')}. Known: ${Object.keys(scenarios).join(', ')}\n`,
  );
  process.exit(2);
}
process.stdout.write(`Guichet benchmarks — node ${process.version}, ${os.cpus().length} cores\n`);
for (const [name, scenario] of Object.entries(scenarios)) {
  // the import, workspace and help-centre scenarios take minutes: only when named
  const long = [
    'import',
    'workspace',
    'helpcentre',
    'retention',
    'targets',
    'mail',
    'webhooks',
    'exports',
    'rules',
    'dashboard',
  ];
  if (asked.length === 0 ? !long.includes(name) : asked.includes(name)) await scenario();
}
