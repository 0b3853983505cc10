/**
 * npm run bench -- webhooks (issue 21 §3): on the PostgreSQL server, ticket
 * events recorded at 200 per second for 10 seconds (100 tickets opened per
 * second, two events each) while one instance runs the `webhooks` job to a
 * local receiver: events delivered per second and the delay from an event to
 * its delivery (p50, p95); then a backlog of 10,000 events drained at once.
 */
import { createServer } from 'node:http';
import { parseMailAllowance } from '../src/config/mail-host-guard.ts';
import type { Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { applyDefaultConfiguration } from '../src/domain/configuration/apply-default-config.ts';
import { openTicket } from '../src/domain/tickets/open-ticket.ts';
import { createWebhook } from '../src/domain/webhooks/manage-webhooks.ts';
import { webhookJob } from '../src/domain/webhooks/webhook-job.ts';
import { createJobRunner } from '../src/jobs/runner/runner.ts';
import { quantile } from './http-load.ts';

type Print = (label: string, value: string) => void;

export async function benchWebhooks(database: Database, print: Print): Promise<void> {
  const { db } = database;
  await migrate(db);
  await applyDefaultConfiguration(db);
  const mailbox = await db.selectFrom('mailboxes').select('id').executeTakeFirstOrThrow();
  const received: { at: number; eventAt: number }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { timestamp: string };
      received.push({ at: Date.now(), eventAt: Date.parse(body.timestamp) });
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const key = Buffer.alloc(32, 9);
  const allowedHosts = parseMailAllowance('127.0.0.1');
  await createWebhook(
    { db, credentialsKey: key, allowedHosts },
    { name: 'bench', url: `http://127.0.0.1:${address.port}/`, mailboxIds: [], eventTypes: [] },
    { userId: null, label: 'bench' },
  );
  const job = webhookJob({ db, credentialsKey: key, allowedHosts, everyMs: 100 });
  const log = {
    error: (name: string, error: unknown) =>
      print(`[postgres] webhooks: job ${name} failed`, String(error)),
  };
  const runner = createJobRunner({ db, jobs: [job], lookMs: 100, log });
  runner.start();
  const open = async (n: number) => {
    const at = new Date();
    await Promise.all(
      Array.from({ length: n }, () =>
        db
          .transaction()
          .execute((trx) =>
            openTicket(
              trx,
              { mailboxId: mailbox.id, subject: 'Bench', contactId: null, channel: 'email', at },
              { kind: 'customer', body_text: 'Bonjour', created_at: at },
            ),
          ),
      ),
    );
  };
  /** Waits until `count` messages arrived (at most 5 minutes: a loaded machine prints what it got). */
  const waitFor = async (count: number) => {
    const deadline = Date.now() + 300_000;
    while (received.length < count && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
  };
  try {
    // 200 events/s for 10 s: 10 tickets (20 events) every 100 ms.
    const start = Date.now();
    for (let tick = 0; tick < 100; tick += 1) {
      await open(10);
      const wait = start + (tick + 1) * 100 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const produced = (Date.now() - start) / 1000;
    await waitFor(2_000);
    const took = (Date.now() - start) / 1000;
    const got = received.length;
    const delays = received.map((r) => r.at - r.eventAt);
    print(
      '[postgres] webhooks: 2,000 events offered at 200/s',
      `recorded in ${produced.toFixed(1)} s, ${got} delivered after ${took.toFixed(1)} s (${(got / took).toFixed(0)}/s)`,
    );
    print(
      '[postgres] webhooks: event → delivery delay',
      `p50 ${quantile(delays, 0.5).toFixed(0)} ms, p95 ${quantile(delays, 0.95).toFixed(0)} ms`,
    );
    // A backlog: 10,000 events recorded while the job is stopped, then drained.
    await runner.stop();
    for (let i = 0; i < 500; i += 1) await open(10);
    received.length = 0;
    const drain = createJobRunner({ db, jobs: [job], lookMs: 100, log });
    const drainStart = Date.now();
    drain.start();
    await waitFor(10_000);
    const drained = (Date.now() - drainStart) / 1000;
    const drainedCount = received.length;
    await drain.stop();
    print(
      '[postgres] webhooks: backlog of 10,000 events drained',
      `${drainedCount} in ${drained.toFixed(1)} s (${(drainedCount / drained).toFixed(0)} events/s)`,
    );
  } finally {
    await runner.stop();
    job.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
