/**
 * Issue 16 §3: U+0000 anywhere in a request's text is refused with 400, never
 * carried to PostgreSQL (which cannot store it in `text`) as a 500.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../test/http.ts';
import { inboundDeps, mailMailbox, plainMail, uniqueId } from '../../../test/mail.ts';
import { contactFields, multipart } from '../../../test/support/portal-app.ts';
import { defaultPortalLimits } from '../../config/portal-limits.ts';
import { ingestMail } from '../../mail/inbound/ingest-mail.ts';
import { containsNul } from './nul-guard.ts';

it('finds U+0000 in strings, keys, arrays and nested objects, not in Buffers', () => {
  expect(containsNul('a\u0000b')).toBe(true);
  expect(containsNul({ a: ['x', { b: 'y\u0000' }] })).toBe(true);
  expect(containsNul({ 'k\u0000': 'v' })).toBe(true);
  expect(containsNul({ a: ['x', { b: 'y' }], n: 1, t: true, z: null })).toBe(false);
  expect(containsNul(Buffer.from([0, 0, 0]))).toBe(false);
  expect(containsNul(undefined)).toBe(false);
});

describeEachBackend('the NUL character', (ctx) => {
  let app: FastifyInstance;
  let agent: LoggedIn;
  let mailboxId = '';
  let ticketId = 0;
  beforeAll(async () => {
    const inbound = await inboundDeps(ctx.db);
    app = await buildTestApp(ctx.database, 'http://localhost:3000', {
      mail: { inbound, credentialsKey: randomBytes(32) },
      portal: { limits: { ...defaultPortalLimits, minSubmitSeconds: 0 } },
    });
    ({ mailboxId } = await mailMailbox(ctx.db));
    agent = await logIn(app, (await makeUser(ctx.database, 'agent')).email);
    const outcome = await ingestMail(inbound, {
      raw: plainMail({
        from: 'Jeanne <jeanne@bailleur-44.example.org>',
        subject: 'Question',
        messageId: uniqueId('nul'),
      }),
      mailboxId,
      source: 'smtp',
    });
    if (outcome.status !== 'created') throw new Error(JSON.stringify(outcome));
    ticketId = outcome.ticketId;
  });
  afterAll(async () => {
    await app.close();
  });

  const send = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken },
    });

  it('is refused with 400 and a clear message on login, notes, replies, calls, tags and search', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'agent\u0000@example.org', password: 'x\u0000y' },
    });
    const requests = [
      ['login', login],
      ['note', await send('POST', `/api/tickets/${ticketId}/notes`, { body: 'a\u0000b' })],
      ['reply', await send('POST', `/api/tickets/${ticketId}/replies`, { body: 'a\u0000b' })],
      [
        'call',
        await send('POST', `/api/tickets/${ticketId}/calls`, {
          direction: 'inbound',
          durationSeconds: 60,
          summary: 'appel\u0000',
        }),
      ],
      [
        'new call',
        await send('POST', '/api/calls', {
          mailboxId,
          subject: 'Appel\u0000',
          contact: { name: 'M. Dupont', phone: '02 99 00 00 00' },
          direction: 'inbound',
          durationSeconds: 120,
          summary: 'x',
        }),
      ],
      ['tags', await send('PATCH', `/api/tickets/${ticketId}`, { tags: ['urgent\u0000'] })],
      ['search', await send('GET', '/api/inbox?q=%00')],
      ['search inside a word', await send('GET', '/api/inbox?q=ab%00cd')],
      ['parameter', await send('GET', `/api/tickets/1%00`)],
    ] as const;
    for (const [name, response] of requests) {
      expect([name, response.statusCode]).toEqual([name, 400]);
      expect([name, response.json().error.message]).toEqual([
        name,
        'Text may not contain the NUL character (U+0000).',
      ]);
    }
    const notes = await ctx.db
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .where('kind', 'in', ['reply', 'note', 'phone'])
      .execute();
    expect(notes).toEqual([]);
  });

  it('is refused by the help centre’s forms with a French page, and no ticket is created', async () => {
    const before = await ctx.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const cases: Record<string, string>[] = [
      { message: 'Bonjour\u0000' },
      { nom: 'Mar\u0000tin' },
      { vus: '1\u0000' },
      { nature: 'identifiants-oublies\u0000' },
    ];
    for (const overrides of cases) {
      const body = multipart(contactFields('identifiants-oublies', overrides));
      const response = await app.inject({
        method: 'POST',
        url: '/aide/44/contact',
        ...body,
        remoteAddress: '192.0.2.77',
      });
      expect([overrides, response.statusCode]).toEqual([overrides, 400]);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('caractère non autorisé');
    }
    const steps = await app.inject({
      method: 'POST',
      url: '/aide/44/contact/reponses',
      payload: 'nature=doublon%00&utile=non',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(steps.statusCode).toBe(400);
    expect(steps.body).toContain('Cette demande n’est pas valide');
    const search = await app.inject({ method: 'GET', url: '/aide/44/recherche?q=%00' });
    expect(search.statusCode).toBe(400);
    const after = await ctx.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
