/**
 * A smaller workspace benchmark for A/B comparisons of two source trees on one
 * machine (issue 17: figures within 10 % of before). The full benchmark
 * (bench/workspace.ts: 1,000,000 tickets) takes too long to run twice; this one
 * generates the same data, `--tickets` of it (default 100,000 tickets with 5
 * messages each), into its own database (`--db`, kept and reused), and measures
 * the inbox's hot requests through the real Fastify app: the unassigned list
 * (shared answers on, then off), a ticket-number search and a search for two
 * common words. Run it from each tree, alternately:
 *
 *   npx tsx bench/workspace-ab.ts --db guichet_ab_a --tickets 100000 --requests 2000
 *
 * Each tree needs its own database (their migrations may differ).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { applyDefaultConfiguration } from '../src/db/seed/apply-default-config.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { benchApp } from './bench-app.ts';
import { httpLoad, quantile } from './http-load.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'guichet_bench_ab' },
    tickets: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '2000' },
    label: { type: 'string', default: '' },
  },
});
const ticketCount = Number(args.tickets);
const total = Number(args.requests);
const messagesPerTicket = 5;
const concurrency = 50;
const baseUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const words = [
  'accès',
  'module',
  'demande',
  'radiation',
  'renouvellement',
  'attestation',
  'mot de passe',
  'certificat',
  'bailleur',
  'logement',
  'dossier',
  'pièce',
  'justificatif',
  'commission',
  'attribution',
  'refus',
  'relance',
  'connexion',
  'compte',
  'identifiant',
];
const commonPairs: [string, string][] = [
  ['radiation', 'logement'],
  ['demande', 'attestation'],
  ['bailleur', 'dossier'],
  ['renouvellement', 'pièce'],
  ['commission', 'refus'],
  ['connexion', 'compte'],
  ['justificatif', 'relance'],
  ['certificat', 'identifiant'],
  ['module', 'attribution'],
  ['accès', 'logement'],
];

/** The data of bench/workspace.ts, `ticketCount` tickets and a tenth as many contacts. */
async function generate(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = (text: string) => client.query(text);
  const contacts = Math.max(1, Math.floor(ticketCount / 10));
  await q(`set session_replication_role = replica`);
  await q(`set maintenance_work_mem = '256MB'`);
  await q('drop index tickets_document_idx');
  await q('drop index contacts_search_idx');
  const w = `array[${words.map((x) => `'${x}'`).join(',')}]`;
  await q(`insert into contacts (email, name)
    select 'contact' || i || '@bailleur-' || (i % 90) || '.example.org', 'Contact ' || i || ' ' || (${w})[1 + i % 20]
    from generate_series(1, ${contacts}) i`);
  await q(`create temp table c as select id, row_number() over (order by id) as n from contacts`);
  await q(`create index on c (n)`);
  await q(`insert into tickets (mailbox_id, status, subject, channel, contact_id, created_at, last_message_at)
    select case when i % 100 < 55 then p.id else a.id end,
      case when i % 100 < 2 then 'active' when i % 100 = 2 then 'pending' when i % 100 = 3 then 'spam' else 'closed' end,
      'Question ' || (${w})[1 + i % 20] || ' ' || (${w})[1 + (i / 20) % 20],
      'email', c.id,
      timestamptz '2021-01-01' + make_interval(secs => i * 150.0),
      timestamptz '2021-01-01' + make_interval(secs => i * 150.0 + 3600)
    from generate_series(1, ${ticketCount}) i
    join c on c.n = 1 + i % ${contacts}
    cross join (select id from mailboxes where slug = 'partenaires') p
    cross join (select id from mailboxes where slug = 'demandeurs') a`);
  await q(`insert into messages (ticket_id, mailbox_id, kind, created_at, body_text)
    select t.id, t.mailbox_id, case when k % 2 = 1 then 'customer' else 'reply' end,
      t.created_at + make_interval(mins => k * 10),
      'Bonjour, au sujet de la ' || (${w})[1 + (t.id + k) % 20] || ' et du ' || (${w})[1 + (t.id * 7 + k) % 20]
        || ', numéro unique NU' || lpad(t.id::text, 16, '0') || '. Merci de votre aide.'
    from tickets t cross join generate_series(1, ${messagesPerTicket}) k`);
  await q(`create temp table d as
    select ticket_id, left(string_agg(left(coalesce(subject, '') || ' ' || coalesce(body_text, ''), 50000),
      ' ' order by id), 200000) as text
    from messages group by ticket_id`);
  await q('create index on d (ticket_id)');
  await q(`update tickets t
    set search_document = guichet_search_vector(t.subject, d.text)
      || guichet_contact_vector(c.name, c.email)
    from d, contacts c where d.ticket_id = t.id and c.id = t.contact_id`);
  await q('create index tickets_document_idx on tickets using gin (search_document)');
  await q(
    `create index contacts_search_idx on contacts using gin (public.guichet_contact_vector(name, email))`,
  );
  await q('vacuum analyze');
  await client.end();
}

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
    await generate(url.toString());
    process.stdout.write(`generated ${ticketCount} tickets in ${(Date.now() - start) / 1000} s\n`);
  }
  return database;
}

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
  return { app, base, cookie };
};
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
const cached = await start(undefined);
const uncached = await start({ maxEntries: 0 });
for (const [label, paths, shared] of scenarios) {
  const target = shared ? cached : uncached;
  const result = await httpLoad({
    base: target.base,
    requests: paths.map((path) => ({ path, headers: { cookie: target.cookie } })),
    total,
    concurrency,
    warmup: 400,
  });
  process.stdout.write(
    `${`${args.label} ${label}`.padEnd(52)} p50 ${quantile(result.latencies, 0.5).toFixed(1)} ms · p95 ${quantile(result.latencies, 0.95).toFixed(1)} ms · ${(result.latencies.length / result.seconds).toFixed(0)} req/s${result.failed ? ` · ${result.failed} failed` : ''}\n`,
  );
}
await cached.app.close();
await uncached.app.close();
await database.close();
