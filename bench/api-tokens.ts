/**
 * npm run bench -- tokens | exports (issue 21):
 *
 * - tokens: what bearer authentication adds to a request: GET /api/mailboxes
 *   through the real app with a session cookie and with an API token
 *   (p50 / p95 of each, and the difference), and the token lookup alone on a
 *   warm cache (a hash and a map read).
 * - exports: GET /api/exports/tickets over real HTTP on the PostgreSQL server
 *   with BENCH_EXPORT_TICKETS tickets (default 1,000,000; generated in SQL),
 *   as CSV, then as XLSX on the first 200,000: rows per second, and the
 *   process's resident memory before, at its highest during and after.
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { createToken } from '../src/domain/api-tokens/manage-tokens.ts';
import { createTokenResolver } from '../src/domain/api-tokens/resolve-token.ts';
import { applyDefaultConfiguration } from '../src/domain/configuration/apply-default-config.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { benchApp } from './bench-app.ts';

type Print = (label: string, value: string) => void;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

async function agentWithToken(database: Database, scopes: ('tickets:read' | 'reports:read')[]) {
  const password = 'a long bench passphrase 42';
  const email = `bench-${Date.now()}@example.org`;
  const user = await createUser(
    database.db,
    { email, name: 'Bench', role: 'admin', password },
    { userId: null, label: 'bench' },
  );
  const { token } = await createToken(
    database.db,
    user,
    { name: 'bench', scopes, expiresInDays: 1, kind: 'service' },
    { userId: null, label: 'bench' },
  );
  return { email, password, token };
}

export async function benchTokens(label: string, database: Database, print: Print): Promise<void> {
  await migrate(database.db);
  await applyDefaultConfiguration(database.db);
  const { email, password, token } = await agentWithToken(database, ['tickets:read']);
  // The per-token limit (600 a minute) would stop the loop: raised for the measure.
  const { app } = await benchApp(database, 'http://localhost:3000', {
    apiTokens: { perMinute: 1_000_000 },
  });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  const run = async (headers: Record<string, string>) => {
    const times: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const start = process.hrtime.bigint();
      const response = await app.inject({ method: 'GET', url: '/api/mailboxes', headers });
      if (response.statusCode !== 200) throw new Error(`bench request: ${response.statusCode}`);
      times.push(ms(start));
    }
    return times.slice(200); // warm-up dropped
  };
  // Alternated twice so that neither side has the warmer process.
  const session = await run({ cookie });
  const bearer = await run({ authorization: `Bearer ${token}` });
  session.push(...(await run({ cookie })));
  bearer.push(...(await run({ authorization: `Bearer ${token}` })));
  const line = (values: number[]) =>
    `${quantile(values, 0.5).toFixed(3)} ms / ${quantile(values, 0.95).toFixed(3)} ms`;
  print(`[${label}] GET /api/mailboxes, session cookie p50 / p95`, line(session));
  print(`[${label}] GET /api/mailboxes, bearer token p50 / p95`, line(bearer));
  print(
    `[${label}] bearer − session, p50 / p95`,
    `${(quantile(bearer, 0.5) - quantile(session, 0.5)).toFixed(3)} ms / ${(quantile(bearer, 0.95) - quantile(session, 0.95)).toFixed(3)} ms`,
  );
  const resolve = createTokenResolver(database.db);
  await resolve(token);
  const lookups: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const start = process.hrtime.bigint();
    await resolve(token);
    lookups.push(ms(start));
  }
  print(
    `[${label}] token lookup, warm cache p50 / p95`,
    `${(quantile(lookups, 0.5) * 1000).toFixed(1)} µs / ${(quantile(lookups, 0.95) * 1000).toFixed(1)} µs`,
  );
  await app.close();
}

/** `count` tickets in SQL: contacts, organisations, an assignee, a tag and a classification value each. */
async function generateTickets(database: Database, count: number): Promise<void> {
  const db = database.db;
  await sql`insert into contacts (email, name)
    select 'contact' || i || '@example.org', 'Contact ' || i from generate_series(1, 50000) i`.execute(
    db,
  );
  await sql`insert into organisations (name) select 'Organisation ' || i from generate_series(1, 500) i`.execute(
    db,
  );
  await sql`create temp table c as select id, row_number() over (order by id) as n from contacts`.execute(
    db,
  );
  await sql`create temp table o as select id, row_number() over (order by id) as n from organisations`.execute(
    db,
  );
  await sql`insert into tickets (mailbox_id, status, subject, channel, contact_id, organisation_id, created_at, last_message_at)
    select m.id, case when i % 10 = 0 then 'active' else 'closed' end,
      case when i % 1000 = 0 then '=cmd|'' /C calc''!A0' else 'Question ' || i end,
      'email', c.id, o.id,
      timestamptz '2021-01-01' + make_interval(secs => i * 60.0),
      timestamptz '2021-01-01' + make_interval(secs => i * 60.0 + 3600)
    from generate_series(1, ${count}) i
    join c on c.n = 1 + i % 50000
    join o on o.n = 1 + i % 500
    cross join (select id from mailboxes where slug = 'demandeurs') m`.execute(db);
  await sql`insert into ticket_field_values (ticket_id, field_id, value_id)
    select t.id, f.id, (select v.id from field_values v where v.field_id = f.id order by v.position limit 1)
    from tickets t cross join (select id from fields where mailbox_id = (select id from mailboxes where slug = 'demandeurs') order by position limit 1) f`.execute(
    db,
  );
  await sql`analyze`.execute(db);
}

export async function benchExports(database: Database, print: Print): Promise<void> {
  const count = Number(process.env.BENCH_EXPORT_TICKETS ?? 1_000_000);
  await migrate(database.db);
  await applyDefaultConfiguration(database.db);
  const existing = Number(
    (await sql<{ n: string }>`select count(*) as n from tickets`.execute(database.db)).rows[0]?.n,
  );
  if (existing < count) {
    const seeded = process.hrtime.bigint();
    await generateTickets(database, count);
    print(`[postgres] exports: ${count} tickets generated`, `${(ms(seeded) / 1000).toFixed(0)} s`);
  }
  const { token } = await agentWithToken(database, ['tickets:read']);
  const { app } = await benchApp(database, 'http://localhost:3000');
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const exportOnce = async (query: string, rowsOf: (bytes: number, newlines: number) => number) => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const start = process.hrtime.bigint();
    const response = await fetch(`${base}/api/exports/tickets?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok || !response.body) throw new Error(`export: ${response.status}`);
    let bytes = 0;
    let newlines = 0;
    for await (const chunk of response.body) {
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) newlines += 1;
    }
    const seconds = ms(start) / 1000;
    clearInterval(sampler);
    return {
      rows: rowsOf(bytes, newlines),
      seconds,
      bytes,
      before,
      peak,
      after: process.memoryUsage().rss,
    };
  };
  const csv = await exportOnce(
    'folder=all&status=closed&status=active&format=csv',
    (_b, n) => n - 1,
  );
  print(
    `[postgres] CSV export of ${csv.rows} rows`,
    `${(csv.rows / csv.seconds).toFixed(0)} rows/s (${csv.seconds.toFixed(1)} s, ${mb(csv.bytes)})`,
  );
  print(
    '[postgres] CSV export RSS before / peak / after',
    `${mb(csv.before)} / ${mb(csv.peak)} / ${mb(csv.after)}`,
  );
  const xlsxRows = Math.min(count, 200_000);
  const to = new Date(Date.parse('2021-01-01T00:00:00Z') + xlsxRows * 60_000)
    .toISOString()
    .slice(0, 10);
  const xlsx = await exportOnce(
    `folder=all&status=closed&status=active&format=xlsx&to=${to}`,
    () => 0,
  );
  const xlsxCount = Number(
    (
      await sql<{
        n: string;
      }>`select count(*) as n from tickets where created_at < ${to}::date::timestamp at time zone 'Europe/Paris' + interval '1 day'`.execute(
        database.db,
      )
    ).rows[0]?.n,
  );
  print(
    `[postgres] XLSX export of ${xlsxCount} rows`,
    `${(xlsxCount / xlsx.seconds).toFixed(0)} rows/s (${xlsx.seconds.toFixed(1)} s, ${mb(xlsx.bytes)})`,
  );
  print(
    '[postgres] XLSX export RSS before / peak / after',
    `${mb(xlsx.before)} / ${mb(xlsx.peak)} / ${mb(xlsx.after)}`,
  );
  await app.close();
}
