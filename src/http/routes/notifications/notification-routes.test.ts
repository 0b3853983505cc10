/**
 * The notification, preference, snooze and follow-up routes and the note's
 * mentions (issue 18 §2, §4), with hostile input: every malformed body or
 * query is a clear 400, a ticket outside the caller's mailboxes a 404, a
 * colleague who may not see the mailbox cannot be mentioned, and nobody reads
 * or marks another user's notifications.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { freshMailbox, openAt } from '../../../../test/support/targets.ts';
import { customerTicket } from '../../../../test/support/waits.ts';
import { consumeTicketEvents } from '../../../domain/notifications/consume-events.ts';

describeEachBackend('notification routes', (ctx) => {
  let app: FastifyInstance;
  let agent: LoggedIn;
  let agentId = '';
  let other: LoggedIn;
  let outsiderId = '';
  let ticketId = 0;
  let hiddenTicketId = 0;
  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    const made = await makeUser(ctx.database, 'agent');
    agentId = made.user.id;
    agent = await logIn(app, made.email);
    other = await logIn(app, (await makeUser(ctx.database, 'agent')).email);
    ticketId = await customerTicket(ctx.db, new Date());
    const hidden = await freshMailbox(ctx.db);
    hiddenTicketId = await openAt(ctx.db, hidden, new Date());
    // an agent who sees only the hidden mailbox
    const outsider = await makeUser(ctx.database, 'agent');
    outsiderId = outsider.user.id;
    await ctx.db
      .updateTable('users')
      .set({ all_mailboxes: false })
      .where('id', '=', outsiderId)
      .execute();
    await ctx.db
      .insertInto('user_mailboxes')
      .values({ user_id: outsiderId, mailbox_id: hidden })
      .execute();
  });
  afterAll(async () => {
    await app.close();
  });
  const call = (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: {
        cookie: who.cookie,
        'x-csrf-token': who.csrfToken,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined
        ? {}
        : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    });

  it('refuses hostile input with a 400, never a 500', async () => {
    const bad: [string, string, unknown][] = [
      ['GET', '/api/me/notifications?limit=0', undefined],
      ['GET', '/api/me/notifications?limit=abc', undefined],
      ['GET', '/api/me/notifications?before=-1', undefined],
      ['GET', '/api/me/notifications?before=99999999999999999999999', undefined],
      ['GET', '/api/me/notifications?extra=1', undefined],
      ['POST', '/api/me/notifications/read', {}],
      ['POST', '/api/me/notifications/read', { ids: [] }],
      ['POST', '/api/me/notifications/read', { ids: ['1; drop table notifications'] }],
      ['POST', '/api/me/notifications/read', { all: false }],
      ['POST', '/api/me/notifications/read', '{"ids": [1'],
      ['PUT', '/api/me/notification-preferences', { appKinds: ['everything'] }],
      [
        'PUT',
        '/api/me/notification-preferences',
        { appKinds: [], mailKinds: [], mailMode: 'hourly', digestMinutes: 30, desktop: true },
      ],
      [
        'PUT',
        '/api/me/notification-preferences',
        { appKinds: [], mailKinds: [], mailMode: 'digest', digestMinutes: 1, desktop: true },
      ],
      ['POST', `/api/tickets/${ticketId}/snooze`, { until: 'tomorrow' }],
      ['POST', `/api/tickets/${ticketId}/snooze`, { until: '2020-01-01T00:00:00Z' }],
      ['POST', `/api/tickets/${ticketId}/snooze`, { until: '2999-01-01T00:00:00Z' }],
      ['POST', `/api/tickets/${ticketId}/snooze`, {}],
      [
        'POST',
        `/api/tickets/${ticketId}/follow-up`,
        { followUp: { days: 0, action: 'close', savedReplyId: null } },
      ],
      [
        'POST',
        `/api/tickets/${ticketId}/follow-up`,
        { followUp: { days: 3, action: 'remind', savedReplyId: null } },
      ],
      [
        'POST',
        `/api/tickets/${ticketId}/follow-up`,
        { followUp: { days: 3, action: 'explode', savedReplyId: null } },
      ],
      [
        'POST',
        `/api/tickets/${ticketId}/follow-up`,
        {
          followUp: {
            days: 3,
            action: 'remind',
            savedReplyId: '00000000-0000-4000-8000-000000000000',
          },
        },
      ],
      ['POST', `/api/tickets/${ticketId}/notes`, { body: 'Salut', mentions: ['not-a-uuid'] }],
      ['POST', `/api/tickets/${ticketId}/notes`, { body: 'Salut', mentions: [outsiderId] }],
      [
        'POST',
        `/api/tickets/${ticketId}/notes`,
        { body: 'Salut', mentions: ['00000000-0000-4000-8000-000000000000'] },
      ],
    ];
    for (const [method, url, payload] of bad) {
      const response = await call(agent, method as 'GET', url, payload);
      expect({ url, payload, status: response.statusCode }).toEqual({
        url,
        payload,
        status: 400,
      });
    }
    // a ticket that is not one, or outside the caller's mailboxes: 404
    expect((await call(agent, 'POST', '/api/tickets/abc/snooze', { until: null })).statusCode).toBe(
      404,
    );
    const outsider = await logIn(
      app,
      (
        await ctx.db
          .selectFrom('users')
          .select('email')
          .where('id', '=', outsiderId)
          .executeTakeFirstOrThrow()
      ).email,
    );
    expect(
      (await call(outsider, 'POST', `/api/tickets/${ticketId}/snooze`, { until: null })).statusCode,
    ).toBe(404);
    expect(
      (
        await call(agent, 'POST', `/api/tickets/${hiddenTicketId + 1_000_000}/follow-up`, {
          followUp: null,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('snoozes, sets a follow-up, mentions a colleague, who reads and marks it', async () => {
    const until = new Date(Date.now() + 86_400_000).toISOString();
    expect(
      (await call(agent, 'POST', `/api/tickets/${ticketId}/snooze`, { until })).statusCode,
    ).toBe(204);
    expect(
      (
        await call(agent, 'POST', `/api/tickets/${ticketId}/follow-up`, {
          followUp: { days: 7, action: 'close', savedReplyId: null },
        })
      ).statusCode,
    ).toBe(204);
    const view = await call(agent, 'GET', `/api/tickets/${ticketId}`);
    expect(view.json().ticket).toMatchObject({
      status: 'pending',
      snoozedUntil: until,
      followUp: { action: 'close' },
    });
    const otherId = (
      await ctx.db
        .selectFrom('users')
        .select('id')
        .where('id', '<>', agentId)
        .where('role', '=', 'agent')
        .where('all_mailboxes', '=', true)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
    const note = await call(agent, 'POST', `/api/tickets/${ticketId}/notes`, {
      body: 'Peux-tu regarder ?',
      mentions: [otherId, otherId],
    });
    expect(note.statusCode).toBe(201);
    await expect
      .poll(
        async () => {
          await consumeTicketEvents(ctx.db);
          return (await call(other, 'GET', '/api/me/notifications'))
            .json()
            .items.map((n: { kind: string }) => n.kind);
        },
        { timeout: 30_000 },
      )
      .toContain('mention');
    const list = (await call(other, 'GET', '/api/me/notifications?limit=5')).json();
    const mention = list.items.find((n: { kind: string }) => n.kind === 'mention');
    expect(mention).toMatchObject({ read: false, ticket: { id: ticketId }, target: null });
    // another user cannot mark it; its owner can
    expect(
      (await call(agent, 'POST', '/api/me/notifications/read', { ids: [mention.id] })).json(),
    ).toEqual({ changed: 0 });
    expect(
      (await call(other, 'POST', '/api/me/notifications/read', { ids: [mention.id] })).json(),
    ).toEqual({ changed: 1 });
    // preferences: defaults, then saved
    expect((await call(other, 'GET', '/api/me/notification-preferences')).json()).toMatchObject({
      mailMode: 'immediate',
    });
    const saved = await call(other, 'PUT', '/api/me/notification-preferences', {
      appKinds: ['mention', 'mention'],
      mailKinds: ['target'],
      mailMode: 'digest',
      digestMinutes: 60,
      desktop: false,
    });
    expect(saved.json()).toEqual({
      appKinds: ['mention'],
      mailKinds: ['target'],
      mailMode: 'digest',
      digestMinutes: 60,
      desktop: false,
    });
    // the list shows the snooze
    const inbox = (await call(agent, 'GET', '/api/inbox?folder=pending')).json();
    const row = inbox.tickets.find((t: { id: number }) => t.id === ticketId);
    expect(row).toMatchObject({ snoozedUntil: until, followUp: { action: 'close' } });
  });
});
