/**
 * Webhooks (issue 21 §3) on both backends, with a real HTTP receiver, two job
 * runners on one database (two instances) and a clock the test moves:
 * signatures pass the specification's reference verification (the library's
 * Webhook.verify), a receiver down for ten minutes gets every event once and
 * in order per ticket, filters hold, and a subscription failing for longer than
 * its limit is switched off with the administrators told.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { freshMailbox, openAt, supervisor } from '../../../test/support/targets.ts';
import { startReceiver } from '../../../test/support/webhook-receiver.ts';
import { parseMailAllowance } from '../../config/mail-host-guard.ts';
import { createJobRunner, type JobRunner } from '../../jobs/runner/runner.ts';
import type { WebhookPayload } from '../../shared/webhook-contracts.ts';
import { changeTicket } from '../tickets/change-ticket.ts';
import { type DeliveryPolicy, defaultDeliveryPolicy, sendTestMessage } from './deliver.ts';
import { changeWebhook, createWebhook, type WebhookDeps } from './manage-webhooks.ts';
import { createWebhookSender } from './send-webhook.ts';
import { webhookJob } from './webhook-job.ts';

const key = Buffer.alloc(32, 7);
const allowedHosts = parseMailAllowance('127.0.0.1');

describeEachBackend('webhooks', (ctx) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const started: JobRunner[] = [];
  const jobs: { close(): void }[] = [];
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((r) => r.stop()));
    for (const job of jobs.splice(0)) job.close();
    // Each test's subscriptions end with it: the next test counts only its own messages.
    await ctx.db.updateTable('webhooks').set({ enabled: false }).execute();
    receiver.received.length = 0;
    receiver.set(200);
  });

  const deps = (): WebhookDeps => ({ db: ctx.db, credentialsKey: key, allowedHosts });
  // Messages are due from when they are written (the database's time): each test's clock
  // starts a few minutes ahead of it.
  let clock = new Date();
  beforeEach(() => {
    clock = new Date(Date.now() + 5 * 60_000);
  });
  const passes = { a: 0, b: 0 };

  /** Two instances: two runners, each with the webhooks job, on one database. */
  function startInstances(policy: DeliveryPolicy = defaultDeliveryPolicy) {
    for (const name of ['a', 'b'] as const) {
      const job = webhookJob({
        db: ctx.db,
        credentialsKey: key,
        allowedHosts,
        policy,
        now: () => clock,
        everyMs: 20,
        onPass: () => {
          passes[name] += 1;
        },
      });
      jobs.push(job);
      const runner = createJobRunner({
        db: ctx.db,
        owner: `webhooks-${name}`,
        lookMs: 20,
        log: { error: (_job, error) => console.error('JOBERR', error) },
        jobs: [job],
      });
      runner.start();
      started.push(runner);
    }
  }

  /** Both instances made `n` more passes with the clock as it is. */
  async function passesMore(n: number) {
    const from = { ...passes };
    await expect
      .poll(() => Math.min(passes.a - from.a, passes.b - from.b), { timeout: 60_000, interval: 20 })
      .toBeGreaterThanOrEqual(n);
  }

  const payloads = (hookPath: string) =>
    receiver.received
      .filter((r) => r.path === hookPath)
      .map((r) => JSON.parse(r.body) as WebhookPayload);

  it('signs every message so that the reference verification accepts it', async () => {
    const mailboxId = await freshMailbox(ctx.db);
    const actor = await supervisor(ctx.db);
    const { webhook, secret } = await createWebhook(
      deps(),
      { name: 'CRM', url: `${receiver.url}?t=sign`, mailboxIds: [mailboxId], eventTypes: [] },
      actor,
    );
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(webhook.secret_encrypted).not.toContain(secret.slice(6));
    startInstances();
    const ticketId = await openAt(ctx.db, mailboxId, clock);
    const number = (
      await ctx.db
        .selectFrom('tickets')
        .select('number')
        .where('id', '=', ticketId)
        .executeTakeFirstOrThrow()
    ).number;
    await expect.poll(() => payloads('/hook?t=sign').length, { timeout: 60_000 }).toBe(2);
    const verifier = new Webhook(secret);
    for (const request of receiver.received) {
      const headers = {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      };
      expect(verifier.verify(request.body, headers)).toEqual(JSON.parse(request.body));
      expect(headers['webhook-id']).toMatch(/^msg_\d+$/);
      // A wrong secret or a changed body fails the same verification.
      expect(() =>
        new Webhook(`whsec_${Buffer.alloc(24, 1).toString('base64')}`).verify(
          request.body,
          headers,
        ),
      ).toThrow();
      expect(() => verifier.verify(`${request.body} `, headers)).toThrow();
    }
    const [opened, added] = payloads('/hook?t=sign');
    expect(opened).toMatchObject({
      type: 'ticket.opened',
      data: { ticketId, ticketNumber: Number(number), mailboxId, data: { channel: 'email' } },
    });
    expect(added?.type).toBe('message.added');
    // Ids, states and numbers only: no subject, no address, no text.
    expect(JSON.stringify(payloads('/hook?t=sign'))).not.toMatch(/Demande|Bonjour|@/);

    const test = await sendTestMessage(
      { db: ctx.db, credentialsKey: key, sender: createWebhookSender({ allowedHosts }) },
      webhook.id,
    );
    expect(test).toMatchObject({ ok: true, statusCode: 200 });
    expect(payloads('/hook?t=sign').at(-1)).toMatchObject({
      type: 'webhook.test',
      data: { webhookId: webhook.id },
    });
  });

  it('delivers every event once, in order per ticket, to a receiver down for ten minutes', async () => {
    const mailboxId = await freshMailbox(ctx.db);
    const other = await freshMailbox(ctx.db);
    const actor = await supervisor(ctx.db);
    await createWebhook(
      deps(),
      { name: 'Tout', url: `${receiver.url}?t=down`, mailboxIds: [mailboxId], eventTypes: [] },
      actor,
    );
    await createWebhook(
      deps(),
      {
        name: 'Statuts',
        url: `${receiver.url}?t=status`,
        mailboxIds: [],
        eventTypes: ['ticket.status_changed'],
      },
      actor,
    );
    receiver.set(503);
    startInstances();
    const tickets = [];
    for (let i = 0; i < 4; i += 1) tickets.push(await openAt(ctx.db, mailboxId, clock));
    await openAt(ctx.db, other, clock); // another mailbox: filtered out
    for (const ticketId of tickets) {
      await changeTicket(ctx.db, ticketId, { status: 'pending' }, actor);
      await changeTicket(ctx.db, ticketId, { status: 'closed' }, actor);
    }
    const expected = await ctx.db
      .selectFrom('ticket_events')
      .select(['id', 'ticket_id', 'type'])
      .where('ticket_id', 'in', tickets)
      .orderBy('id')
      .execute();
    expect(expected).toHaveLength(16);
    // Ten minutes down, a minute at a time: attempts fail and back off.
    for (let minute = 1; minute <= 10; minute += 1) {
      await passesMore(2);
      clock = new Date(clock.getTime() + 60_000);
    }
    await passesMore(2);
    const failures = await ctx.db
      .selectFrom('webhook_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status_code', '=', 503)
      .executeTakeFirstOrThrow();
    expect(Number(failures.n)).toBeGreaterThan(8);
    expect(receiver.received).toHaveLength(0);
    receiver.set(200);
    clock = new Date(clock.getTime() + 3_600_000);
    await expect.poll(() => payloads('/hook?t=down').length, { timeout: 60_000 }).toBe(16);
    await expect.poll(() => payloads('/hook?t=status').length, { timeout: 60_000 }).toBe(8);
    await passesMore(3);
    const got = payloads('/hook?t=down');
    // Once each: no event twice, none missing, although two instances were sending.
    expect(
      got.map((p) => ('eventId' in p.data ? p.data.eventId : 0)).sort((x, y) => x - y),
    ).toEqual(expected.map((e) => Number(e.id)));
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
    // In order per ticket.
    for (const ticketId of tickets) {
      const ofTicket = got.flatMap((p) =>
        'ticketId' in p.data && p.data.ticketId === ticketId ? [p.data.eventId] : [],
      );
      expect(ofTicket).toEqual(
        expected.filter((e) => Number(e.ticket_id) === ticketId).map((e) => Number(e.id)),
      );
    }
    expect(new Set(payloads('/hook?t=status').map((p) => p.type))).toEqual(
      new Set(['ticket.status_changed']),
    );
  });

  it('switches a subscription off after failing for its limit, and tells the administrators', async () => {
    const mailboxId = await freshMailbox(ctx.db);
    const actor = await supervisor(ctx.db);
    const admin = await ctx.db
      .insertInto('users')
      .values({ email: `admin-${Date.now()}@example.org`, name: 'Admin', role: 'admin' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { webhook } = await createWebhook(
      deps(),
      { name: 'Fragile', url: `${receiver.url}?t=off`, mailboxIds: [mailboxId], eventTypes: [] },
      actor,
    );
    receiver.set(500);
    startInstances({ ...defaultDeliveryPolicy, disableAfterMs: 3_600_000 });
    await openAt(ctx.db, mailboxId, clock);
    for (let step = 0; step < 8; step += 1) {
      await passesMore(2);
      clock = new Date(clock.getTime() + 10 * 60_000);
    }
    await expect
      .poll(
        async () =>
          await ctx.db
            .selectFrom('webhooks')
            .select(['enabled', 'disabled_reason'])
            .where('id', '=', webhook.id)
            .executeTakeFirstOrThrow(),
        { timeout: 60_000 },
      )
      .toEqual({ enabled: false, disabled_reason: 'failures' });
    const notices = await ctx.db
      .selectFrom('outbox')
      .innerJoin('users', 'users.email', 'outbox.to_address')
      .select(['outbox.notice_subject', 'users.id'])
      .where('outbox.kind', '=', 'notice')
      .where('users.id', '=', admin.id)
      .execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]?.notice_subject).toContain('Fragile');
    // Switched on again by an administrator, the kept message leaves.
    receiver.set(200);
    await changeWebhook(deps(), webhook.id, { enabled: true }, actor);
    await expect.poll(() => payloads('/hook?t=off').length, { timeout: 60_000 }).toBe(2);
  });
});
