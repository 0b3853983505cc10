/**
 * The webhooks' routes (issue 21 §3): an administrator creates a subscription
 * (its secret shown once), sends a test event and reads the log, switches it
 * off, removes it; hostile input is a clear 4xx, never a 500; other roles get 403.
 */
import type { FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { inboundDeps } from '../../../../test/mail.ts';
import { startReceiver } from '../../../../test/support/webhook-receiver.ts';
import { parseMailAllowance } from '../../../config/mail-host-guard.ts';
import type {
  WebhookCreatedDto,
  WebhookDto,
  WebhookListDto,
  WebhookLogDto,
  WebhookTestDto,
} from '../../../shared/webhook-contracts.ts';

describeEachBackend('webhook routes', (ctx) => {
  let app: FastifyInstance;
  let admin: LoggedIn;
  let supervisor: LoggedIn;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await buildTestApp(ctx.database, 'http://localhost:3000', {
      mail: { inbound: await inboundDeps(ctx.db), credentialsKey: Buffer.alloc(32, 3) },
      webhookAllowedHosts: parseMailAllowance('127.0.0.1'),
    });
    admin = await logIn(app, (await makeUser(ctx.database, 'admin')).email);
    supervisor = await logIn(app, (await makeUser(ctx.database, 'supervisor')).email);
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  const call = (
    who: LoggedIn,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as string }),
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
    });

  it('creates a subscription, shows its secret once, tests it, logs it, switches it off, removes it', async () => {
    const { options } = (await call(admin, 'GET', '/api/webhooks')).json<WebhookListDto>();
    expect(options.eventTypes).toContain('ticket.status_changed');
    const mailbox = options.mailboxes[0];
    if (!mailbox) throw new Error('no mailbox');
    const created = await call(admin, 'POST', '/api/webhooks', {
      name: 'Tableau de bord',
      url: receiver.url,
      mailboxIds: [mailbox.id],
      eventTypes: ['ticket.opened', 'ticket.status_changed'],
    });
    expect(created.statusCode).toBe(201);
    const { webhook, secret } = created.json<WebhookCreatedDto>();
    expect(webhook).toMatchObject({ state: 'active', mailboxIds: [mailbox.id], pending: 0 });
    const listed = await call(admin, 'GET', '/api/webhooks');
    expect(listed.body).not.toContain(secret);
    expect(listed.body).not.toContain(secret.slice(6));

    const test = await call(admin, 'POST', `/api/webhooks/${webhook.id}/test`);
    expect(test.statusCode).toBe(200);
    expect(test.json<WebhookTestDto>()).toMatchObject({ ok: true, statusCode: 200, error: null });
    const request = receiver.received.at(-1);
    if (!request) throw new Error('nothing received');
    expect(
      new Webhook(secret).verify(request.body, {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      }),
    ).toMatchObject({ type: 'webhook.test' });

    receiver.set(503);
    const failed = await call(admin, 'POST', `/api/webhooks/${webhook.id}/test`);
    expect(failed.json<WebhookTestDto>()).toMatchObject({ ok: false, statusCode: 503 });
    receiver.set(200);
    const log = (await call(admin, 'GET', `/api/webhooks/${webhook.id}/log`)).json<WebhookLogDto>();
    expect(log.attempts.map((a) => [a.type, a.statusCode, a.deliveryStatus])).toEqual([
      ['webhook.test', 503, 'failed'],
      ['webhook.test', 200, 'delivered'],
    ]);
    expect(log.attempts[0]?.durationMs).toBeGreaterThanOrEqual(0);

    const off = await call(admin, 'PATCH', `/api/webhooks/${webhook.id}`, { enabled: false });
    expect(off.json<WebhookDto>().state).toBe('disabled');
    const renamed = await call(admin, 'PATCH', `/api/webhooks/${webhook.id}`, {
      name: 'CRM',
      enabled: true,
    });
    expect(renamed.json<WebhookDto>()).toMatchObject({ name: 'CRM', state: 'active' });
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', webhook.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'webhook.created',
      'webhook.changed',
      'webhook.changed',
    ]);
    expect(
      JSON.stringify(
        await ctx.db
          .selectFrom('audit_events')
          .select('details')
          .where('target_id', '=', webhook.id)
          .execute(),
      ),
    ).not.toContain(secret.slice(6));

    expect((await call(admin, 'DELETE', `/api/webhooks/${webhook.id}`)).statusCode).toBe(204);
    expect((await call(admin, 'GET', `/api/webhooks/${webhook.id}/log`)).statusCode).toBe(404);
  });

  it('refuses hostile input with a clear 4xx', async () => {
    const base = { name: 'X', url: receiver.url };
    const cases: [unknown, number, string?][] = [
      [{ ...base, url: 'http://169.254.169.254/latest' }, 400, 'is not allowed'],
      [{ ...base, url: 'http://[::1]/' }, 400, 'is not allowed'],
      [{ ...base, url: 'http://2852039166/' }, 400, 'is not allowed'],
      [{ ...base, url: 'http://10.0.0.1/' }, 400, 'is not allowed'],
      [{ ...base, url: 'gopher://example.org/' }, 400, 'must start with'],
      [{ ...base, url: 'x'.repeat(3000) }, 400],
      [{ ...base, name: '' }, 400],
      [{ ...base, eventTypes: ['ticket.exploded'] }, 400],
      [{ ...base, mailboxIds: ['00000000-0000-4000-8000-000000000000'] }, 400],
      [{ ...base, mailboxIds: 'all' }, 400],
      [{ ...base, extra: true }, 400],
      [[base], 400],
      ['{"name":', 415], // not JSON: refused by its type
      [null, 400],
    ];
    for (const [payload, status, reason] of cases) {
      const response = await call(admin, 'POST', '/api/webhooks', payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(status);
      if (reason) expect(response.json().error.message).toContain(reason);
    }
    expect(
      (await call(admin, 'PATCH', '/api/webhooks/not-a-uuid', { enabled: false })).statusCode,
    ).toBe(404);
    expect(
      (
        await call(admin, 'PATCH', '/api/webhooks/00000000-0000-4000-8000-000000000000', {
          enabled: false,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call(admin, 'POST', '/api/webhooks/00000000-0000-4000-8000-000000000000/test'))
        .statusCode,
    ).toBe(404);
    expect((await call(supervisor, 'GET', '/api/webhooks')).statusCode).toBe(403);
    expect((await call(supervisor, 'POST', '/api/webhooks', base)).statusCode).toBe(403);
  });
});
