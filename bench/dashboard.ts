/**
 * npm run bench -- dashboard (issue 18 §5): the dashboard of today on the
 * PostgreSQL server, on the targets scenario's data (bench/targets.ts: 200,000
 * tickets by default, BENCH_TARGETS_TICKETS=1000000 for the size, 4 %
 * open, first-response targets on both mailboxes), with agents on this week's
 * replies and tags on this week's tickets. Its "first paint" is the one read
 * the page waits for (GET /api/dashboard: buildDashboard + presentDashboard);
 * measured alone, then with 20 supervisors asking at once after each ticket
 * event, through the route's shared answer (one computation for them all until
 * the live stream moves).
 */
import { sql } from 'kysely';
import type { Database } from '../src/db/client.ts';
import { createInboxCache } from '../src/domain/inbox/inbox-cache.ts';
import { buildDashboard } from '../src/reports/dashboard/build-dashboard.ts';
import { presentDashboard } from '../src/reports/dashboard/dashboard-presenter.ts';
import { quantile } from './http-load.ts';
import { type Print, prepare } from './targets.ts';

const supervisors = 20;
const rounds = 20;

async function addAgentsAndTags(database: Database, print: Print): Promise<void> {
  const { db } = database;
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('email', 'like', 'bench-agent-%@example.org')
    .execute();
  if (existing.length > 0) return;
  const start = Date.now();
  const agents = await db
    .insertInto('users')
    .values(
      Array.from({ length: 12 }, (_, i) => ({
        email: `bench-agent-${i}@example.org`,
        name: `Agent ${i + 1}`,
        role: 'agent' as const,
      })),
    )
    .returning('id')
    .execute();
  const ids = agents.map((a) => a.id);
  await sql`update messages set author_user_id = (${ids}::uuid[])[1 + id % ${ids.length}]
    where kind = 'reply' and created_at > now() - interval '30 days'`.execute(db);
  const tags = await db
    .insertInto('tags')
    .values(['relance', 'urgent', 'accès', 'facturation', 'export'].map((name) => ({ name })))
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  const tagIds = tags.map((t) => t.id);
  await sql`insert into ticket_tags (ticket_id, tag_id)
    select t.id, (${tagIds}::uuid[])[1 + t.id % ${tagIds.length}] from tickets t
    where t.created_at > now() - interval '30 days' and t.id % 3 = 0
    on conflict do nothing`.execute(db);
  await sql`analyze`.execute(db);
  print('agents on replies, tags on tickets (last 30 days)', `${Date.now() - start} ms`);
}

export async function benchDashboard(baseUrl: string, print: Print): Promise<void> {
  const database = await prepare(baseUrl, print);
  try {
    await addAgentsAndTags(database, print);
    const mailboxIds = (await database.db.selectFrom('mailboxes').select('id').execute()).map(
      (m) => m.id,
    );
    const read = async () =>
      JSON.stringify(presentDashboard(await buildDashboard(database.db, mailboxIds, new Date())));
    const sample = JSON.parse(await read()) as ReturnType<typeof presentDashboard>;
    print(
      'this week: tickets / replies / agents',
      `${sample.mailboxes.reduce((n, m) => n + m.week.firstResponse.tickets, 0)} / ${sample.mailboxes.reduce((n, m) => n + m.week.replies, 0)} / ${sample.agents.length}`,
    );
    const single: number[] = [];
    for (let i = 0; i < 30; i++) {
      const start = process.hrtime.bigint();
      await read();
      single.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    print(
      'dashboard first paint (GET /api/dashboard), 1 supervisor',
      `p50 ${quantile(single, 0.5).toFixed(1)} ms, p95 ${quantile(single, 0.95).toFixed(1)} ms`,
    );
    // 20 supervisors watching: on every ticket event each screen asks again at once; the route
    // computes one answer for them all (its shared-answer cache, dashboard-routes.ts)
    const cache = createInboxCache(database.db, { freshMs: 1000, maxAgeMs: 15_000 });
    const latencies: number[] = [];
    for (let round = 0; round < rounds; round++) {
      cache.invalidate(); // a ticket event arrived
      await Promise.all(
        Array.from({ length: supervisors }, async () => {
          const start = process.hrtime.bigint();
          await cache.get('dashboard|all', read);
          latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
        }),
      );
    }
    print(
      `dashboard first paint, ${supervisors} supervisors at once after each event (${rounds} events)`,
      `p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms`,
    );
  } finally {
    await database.close();
  }
}
