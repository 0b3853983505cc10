/**
 * npm run bench -- targets (issue 18): on the PostgreSQL server, the inbox
 * sorted by due time and the folder "Échéances proches" with 50 concurrent
 * agents (in process, through `listInbox`, a pool of 10 connections as served),
 * p50 / p95; then the escalation job's pass (escalate.ts) when idle and when
 * it claims a full batch.
 *
 * BENCH_TARGETS_TICKETS sets the size (default 200,000 tickets, 4 % open: a
 * fifth of the 1,000,000, generated in about a minute on a loaded
 * machine); the data is kept in its own database and reused.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { applyDefaultConfiguration } from '../src/domain/configuration/apply-default-config.ts';
import { listInbox } from '../src/domain/inbox/list-inbox.ts';
import { escalateDueTimes } from '../src/domain/targets/escalate.ts';
import { createTarget } from '../src/domain/targets/manage-targets.ts';
import { refreshTicketDueTimes } from '../src/domain/tickets/ticket-due-times.ts';
import { quantile } from './http-load.ts';

const ticketCount = Number(process.env.BENCH_TARGETS_TICKETS ?? 200_000);
const dbName = `guichet_bench_targets_${ticketCount}`;
const concurrency = 50;
const requests = 1_000;

export type Print = (label: string, value: string) => void;

async function generate(database: Database, url: string, print: Print): Promise<void> {
  const start = Date.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = (text: string) => client.query(text);
  await q(`set session_replication_role = replica`);
  // 4 % open (3 % active, 1 % pending): the open ones of the last days, the others closed
  await q(`insert into tickets (mailbox_id, status, subject, channel, created_at, last_message_at)
    select case when i % 100 < 55 then p.id else a.id end,
      case when i % 100 < 3 then 'active' when i % 100 = 3 then 'pending' else 'closed' end,
      'Question ' || i, 'email',
      case when i % 100 < 4 then now() - make_interval(mins => (i * 7) % 6000)
        else timestamptz '2021-01-01' + make_interval(secs => i * 150.0) end,
      case when i % 100 < 4 then now() - make_interval(mins => (i * 7) % 6000)
        else timestamptz '2021-01-01' + make_interval(secs => i * 150.0 + 3600) end
    from generate_series(1, ${ticketCount}) i
    cross join (select id from mailboxes where slug = 'partenaires') p
    cross join (select id from mailboxes where slug = 'demandeurs') a`);
  await q(`insert into messages (ticket_id, mailbox_id, kind, created_at, body_text)
    select t.id, t.mailbox_id, case when k = 1 then 'customer' else 'reply' end,
      t.created_at + make_interval(mins => (k - 1) * 30), 'Bonjour'
    from tickets t cross join generate_series(1, case when t.status = 'closed' then 2 else 1 end) k`);
  await client.end();
  const mailboxes = await database.db.selectFrom('mailboxes').select('id').execute();
  const since = new Date('2020-01-01T00:00:00Z');
  for (const [i, m] of mailboxes.entries())
    await createTarget(
      database.db,
      {
        mailboxId: m.id,
        fieldValueId: null,
        organisationTypeValueId: null,
        terms: {
          firstResponseMinutes: i % 2 === 0 ? 60 : 24 * 60,
          nextResponseMinutes: 24 * 60,
          resolutionMinutes: 7 * 24 * 60,
          businessHours: i % 2 === 1,
          warnBeforeMinutes: 15,
        },
      },
      { userId: null, label: 'bench' },
      since,
    );
  const open = await database.db
    .selectFrom('tickets')
    .select('id')
    .where('status', 'in', ['active', 'pending'])
    .execute();
  const computeStart = Date.now();
  for (let i = 0; i < open.length; i += 2_000)
    await refreshTicketDueTimes(
      database.db,
      open.slice(i, i + 2_000).map((r) => r.id),
    );
  print(
    `due times of ${open.length} open tickets (refreshTicketDueTimes)`,
    `${((Date.now() - computeStart) / 1000).toFixed(1)} s`,
  );
  await sql`vacuum analyze`.execute(database.db);
  print(
    `targets data generated (${ticketCount} tickets)`,
    `${((Date.now() - start) / 1000).toFixed(0)} s`,
  );
}

export async function prepare(baseUrl: string, print: Print): Promise<Database> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const exists = await admin.query('select 1 from pg_database where datname = $1', [dbName]);
  if (exists.rowCount) {
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
    const row = await sql<{ n: string }>`select count(*) as n from tickets`.execute(database.db);
    if (Number(row.rows[0]?.n) === ticketCount) {
      await admin.end();
      await migrate(database.db);
      print('targets data', `reused (${ticketCount} tickets)`);
      return database;
    }
    await database.close();
    await admin.query(`drop database "${dbName}" with (force)`);
  }
  await admin.query(`create database "${dbName}"`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  await migrate(database.db);
  await applyDefaultConfiguration(database.db);
  await generate(database, url.toString(), print);
  return database;
}

/** `total` calls of `call`, `concurrency` at a time; milliseconds of each. */
async function closedLoop(call: (i: number) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < requests) {
      const i = next++;
      const start = process.hrtime.bigint();
      await call(i);
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return latencies;
}

export async function benchTargets(baseUrl: string, print: Print): Promise<void> {
  const database = await prepare(baseUrl, print);
  try {
    const user = { id: '00000000-0000-4000-8000-000000000000' };
    const counts = await sql<{ open: string; due: string }>`
      select (select count(*) from tickets where status in ('active', 'pending')) as open,
        (select count(*) from ticket_due_times) as due`.execute(database.db);
    print('open tickets / with a due time', `${counts.rows[0]?.open} / ${counts.rows[0]?.due}`);
    const scenarios: [string, Parameters<typeof listInbox>[3]][] = [
      ['inbox "Tous", sorted by due time, page of 50', { folder: 'all', sort: 'due', limit: 50 }],
      [
        'inbox "Non assignés", sorted by due time',
        { folder: 'unassigned', sort: 'due', limit: 50 },
      ],
      ['folder "Échéances proches"', { folder: 'due_soon', sort: 'due', limit: 50 }],
    ];
    const single: number[] = [];
    for (let i = 0; i < 100; i++) {
      const start = process.hrtime.bigint();
      await listInbox(database.db, user, 'all', { folder: 'all', sort: 'due', limit: 50 });
      single.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    print(
      'inbox "Tous", sorted by due time (1 agent, for scale)',
      `p50 ${quantile(single, 0.5).toFixed(1)} ms, p95 ${quantile(single, 0.95).toFixed(1)} ms`,
    );
    for (const [label, filters] of scenarios) {
      await closedLoop(() => listInbox(database.db, user, 'all', filters)); // warm-up
      const latencies = await closedLoop(() => listInbox(database.db, user, 'all', filters));
      print(
        `${label} (${concurrency} agents)`,
        `p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms`,
      );
    }
    // the escalation pass: idle (nothing new to warn of), then a full batch, rolled back
    let start = process.hrtime.bigint();
    await escalateDueTimes(database.db, new Date());
    const first = Number(process.hrtime.bigint() - start) / 1e6;
    start = process.hrtime.bigint();
    const idle = await escalateDueTimes(database.db, new Date());
    print(
      'escalation pass: first (catches up) / idle',
      `${first.toFixed(0)} ms / ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1)} ms (${idle.warned + idle.missed} claimed)`,
    );
    const later = new Date(Date.now() + 3 * 24 * 3_600_000);
    start = process.hrtime.bigint();
    const full = await escalateDueTimes(database.db, later, 500);
    print(
      'escalation pass: a full batch (500 warnings + 500 escalations)',
      `${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms (${full.warned} + ${full.missed})`,
    );
  } finally {
    await database.close();
  }
}
