/**
 * A smaller workspace benchmark for A/B comparisons of two source trees on one
 * machine (issue 17: figures within 10 % of before). The full benchmark
 * (bench/workspace.ts: 1,000,000 tickets) takes too long to run twice; this one
 * generates the same data, `--tickets` of it (default 100,000 tickets with 5
 * messages each), into one database per tree (kept and reused: their
 * migrations may differ), and measures the inbox's hot requests through the
 * real Fastify app: the unassigned list (shared answers on, then off), a
 * ticket-number search and a search for two common words.
 *
 * On a shared machine the load of others drifts within minutes, so both trees
 * serve at once (`--serve`, started by the comparison in each tree) and the
 * load alternates between them in short rounds, scenario by scenario:
 *
 *   npx tsx bench/workspace-ab.ts --compare /path/to/tree-a:db_a /path/to/tree-b:db_b
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { applyDefaultConfiguration } from '../src/domain/configuration/apply-default-config.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { benchApp } from './bench-app.ts';
import { httpLoad, quantile } from './http-load.ts';
import { commonPairs, generateWorkspace } from './workspace-data.ts';

const { values: args, positionals } = parseArgs({
  options: {
    db: { type: 'string', default: 'guichet_bench_ab' },
    tickets: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '5' },
    serve: { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const ticketCount = Number(args.tickets);
const total = Number(args.requests);
const messagesPerTicket = 5;
const concurrency = 50;
const baseUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function prepare() {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const url = new URL(baseUrl);
  url.pathname = `/${args.db}`;
  const exists = await admin.query('select 1 from pg_database where datname = $1', [args.db]);
  if (!exists.rowCount) await admin.query(`create database "${args.db}"`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  await migrate(database.db);
  const { rows } = await sql<{ n: string }>`select count(*) as n from tickets`.execute(database.db);
  if (Number(rows[0]?.n) !== ticketCount) {
    if (Number(rows[0]?.n) !== 0) throw new Error(`${args.db} holds other data: drop it first`);
    await applyDefaultConfiguration(database.db);
    const start = Date.now();
    await generateWorkspace(url.toString(), {
      tickets: ticketCount,
      contacts: Math.max(1, Math.floor(ticketCount / 10)),
      messagesPerTicket,
      maintenanceWorkMem: '256MB',
    });
    process.stdout.write(`generated ${ticketCount} tickets in ${(Date.now() - start) / 1000} s\n`);
  }
  return database;
}

type Served = {
  label: string;
  cached: Target;
  uncached: Target;
  /** The server process's CPU time so far, in µs. */
  cpu: () => Promise<number>;
  stop: () => void;
};
type Target = { base: string; cookie: string };

/** This tree's app on its database, cached and uncached; prints both targets, serves until stdin ends. */
async function serve(): Promise<void> {
  const database = await prepare();
  const password = randomBytes(12).toString('base64url');
  const email = `bench-ab-${randomBytes(4).toString('hex')}@example.org`;
  await createUser(
    database.db,
    { email, name: 'Bench', role: 'agent', password },
    { userId: null, label: 'bench' },
  );
  const start = async (inboxCache: { maxEntries: number } | undefined) => {
    const { app } = await benchApp(database, 'http://127.0.0.1', { inboxCache });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email, password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return { app, target: { base, cookie } };
  };
  const cached = await start(undefined);
  const uncached = await start({ maxEntries: 0 });
  process.stdout.write(`${JSON.stringify({ cached: cached.target, uncached: uncached.target })}\n`);
  // `cpu` on stdin: this process's CPU time so far (µs), the cost of the requests
  // served between two readings, less sensitive than latency to a loaded machine
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line === 'cpu') {
      const used = process.cpuUsage();
      process.stdout.write(`cpu ${used.user + used.system}\n`);
    }
  });
  await new Promise((resolve) => lines.on('close', resolve));
  await cached.app.close();
  await uncached.app.close();
  await database.close();
}

/** Starts `--serve` in `tree` on database `db`; resolves when it listens. */
function served(spec: string): Promise<Served> {
  const [tree = '', db = ''] = spec.split(':');
  const child = spawn(
    'npx',
    ['tsx', 'bench/workspace-ab.ts', '--serve', '--db', db, '--tickets', String(ticketCount)],
    { cwd: tree, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const readings: ((us: number) => void)[] = [];
  const cpu = () =>
    new Promise<number>((resolve) => {
      readings.push(resolve);
      child.stdin.write('cpu\n');
    });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${tree}: exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('cpu ')) return void readings.shift()?.(Number(line.slice(4)));
      if (!line.startsWith('{')) return void process.stdout.write(`${line}\n`);
      const targets = JSON.parse(line) as { cached: Target; uncached: Target };
      resolve({ label: tree, ...targets, cpu, stop: () => child.stdin.end() });
    });
  });
}

const ids = Array.from({ length: 200 }, (_, i) => 1 + ((i * 4999) % ticketCount));
const scenarios: [string, string[], boolean][] = [
  ['inbox: unassigned (shared answers on)', ['/api/inbox?folder=unassigned'], true],
  ['inbox: unassigned (shared answers off)', ['/api/inbox?folder=unassigned'], false],
  ['search: a ticket number', ids.map((id) => `/api/inbox?folder=all&q=%23${1000 + id}`), true],
  [
    'search: two common words',
    commonPairs.map(([a, b]) => `/api/inbox?folder=all&q=${encodeURIComponent(`${a} ${b}`)}`),
    true,
  ],
];

async function compare(specs: string[]): Promise<void> {
  const trees: Served[] = [];
  for (const spec of specs) trees.push(await served(spec));
  const rounds = Number(args.rounds);
  for (const [label, paths, shared] of scenarios) {
    const latencies = trees.map((): number[] => []);
    const seconds = trees.map(() => 0);
    const cpuUs = trees.map(() => 0);
    for (let round = 0; round < rounds; round += 1)
      for (const [i, tree] of trees.entries()) {
        const target = shared ? tree.cached : tree.uncached;
        const before = await tree.cpu();
        const result = await httpLoad({
          base: target.base,
          requests: paths.map((path) => ({ path, headers: { cookie: target.cookie } })),
          total: Math.ceil(total / rounds),
          concurrency,
          warmup: 100,
        });
        cpuUs[i] = (cpuUs[i] ?? 0) + (await tree.cpu()) - before;
        latencies[i]?.push(...result.latencies);
        seconds[i] = (seconds[i] ?? 0) + result.seconds;
        if (result.failed) process.stdout.write(`${tree.label}: ${result.failed} failed\n`);
      }
    process.stdout.write(`${label}\n`);
    for (const [i, tree] of trees.entries()) {
      const counted = latencies[i] ?? [];
      // CPU per request: warm-up requests included (they are served too)
      const served = rounds * (Math.ceil(total / rounds) + 100);
      process.stdout.write(
        `  ${tree.label.padEnd(28)} p50 ${quantile(counted, 0.5).toFixed(1)} ms · p95 ${quantile(counted, 0.95).toFixed(1)} ms · ${(counted.length / (seconds[i] ?? 1)).toFixed(0)} req/s · server CPU ${((cpuUs[i] ?? 0) / served / 1000).toFixed(2)} ms/req\n`,
      );
    }
  }
  for (const tree of trees) tree.stop();
}

if (args.serve) await serve();
else if (args.compare) await compare(positionals);
else throw new Error('usage: --compare tree:db tree:db … (or --serve --db db)');
