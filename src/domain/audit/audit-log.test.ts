/**
 * The audit log: logins (success, failure, throttled) recorded, the search's
 * filters and keyset pages, the HTTP search's hostile input, and the purge of
 * events older than 12 months (housekeeping).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { createTicket, withDefaultConfiguration } from '../../../test/factories.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../test/http.ts';
import type { AuditPageDto } from '../../shared/contracts.ts';
import { auditCutoff, purgeOldAuditEvents } from './purge-audit.ts';
import { recordAudit } from './record-audit.ts';
import { searchAuditEvents } from './search-audit.ts';

describeEachBackend('audit log', (ctx) => {
  let app: FastifyInstance;
  let supervisor: LoggedIn;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    supervisor = await logIn(app, (await makeUser(ctx.database, 'supervisor')).email);
  });
  afterAll(async () => {
    await app.close();
  });

  const search = async (query: string) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/audit?${query}`,
      headers: { cookie: supervisor.cookie },
    });
    return response;
  };

  it('records every login: success, failure and throttled attempts', async () => {
    const { user, email } = await makeUser(ctx.database, 'agent');
    await logIn(app, email, undefined, '10.20.0.1');
    for (let i = 0; i < 7; i++) {
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: `wrong password ${i}` },
        remoteAddress: '10.20.0.2',
      });
    }
    const page = (
      await search(`actor=${encodeURIComponent(email)}&action=auth.`)
    ).json<AuditPageDto>();
    const actions = page.events.map((e) => e.action);
    expect(actions).toContain('auth.login');
    // Five failures, then the account is blocked: the last two are throttled.
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(5);
    expect(actions.filter((a) => a === 'auth.login_throttled')).toHaveLength(2);
    const failed = page.events.find((e) => e.action === 'auth.login_failed');
    expect(failed?.actor.id).toBe(user.id);
    expect(failed?.details).toEqual({ reason: 'wrong_password' });
    expect(failed?.ip).toBe('10.20.0.2');
    expect(JSON.stringify(page)).not.toContain('wrong password');
  });

  it('filters by actor, action prefix, target, dates and text; pages by keyset', async () => {
    const { user } = await makeUser(ctx.database, 'viewer');
    for (let i = 0; i < 7; i++) {
      await recordAudit(ctx.db, {
        action: i % 2 ? 'ticket.viewed' : 'ticket.status_changed',
        actorUserId: user.id,
        targetType: 'ticket',
        targetId: String(9000 + i),
        details: { note: i === 3 ? 'Needle_100%' : 'hay' },
      });
    }
    const run = (extra: Partial<Parameters<typeof searchAuditEvents>[1]>) =>
      searchAuditEvents(ctx.db, { limit: 50, actor: user.id, ...extra });
    expect((await run({})).events).toHaveLength(7);
    expect((await run({ action: 'ticket.view' })).events).toHaveLength(3);
    expect((await run({ action: 'ticket.' })).events).toHaveLength(7);
    expect((await run({ targetType: 'ticket', targetId: '9003' })).events).toHaveLength(1);
    // Free text is literal: % and _ are not wildcards.
    expect((await run({ text: 'needle_100%' })).events.map((e) => e.targetId)).toEqual(['9003']);
    expect((await run({ text: 'needle%100' })).events).toHaveLength(0);
    expect((await run({ from: new Date(Date.now() + 60_000) })).events).toHaveLength(0);
    expect((await run({ to: new Date(Date.now() - 3_600_000) })).events).toHaveLength(0);
    // Actor by name text.
    expect(
      (await searchAuditEvents(ctx.db, { limit: 50, actor: user.name, action: 'ticket.' })).events,
    ).toHaveLength(7);

    const seen: number[] = [];
    let before: number | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await run({ limit: 3, before });
      seen.push(...page.events.map((e) => e.id));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toHaveLength(7);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(new Set(seen).size).toBe(7);

    const http = await search(`actor=${user.id}&action=ticket.&limit=2`);
    expect(http.statusCode).toBe(200);
    const dto = http.json<AuditPageDto>();
    expect(dto.events).toHaveLength(2);
    expect(dto.nextBefore).toBe(dto.events[1]?.id);
    expect(dto.events[0]?.actor.email).toBe(user.email);
  });

  it('finds the events about a user by their e-mail or name, and shows that e-mail', async () => {
    const { user: manager } = await makeUser(ctx.database, 'admin');
    const { user: subject } = await makeUser(ctx.database, 'agent');
    for (const action of ['user.invited', 'user.mailboxes_changed', 'user.disabled']) {
      await recordAudit(ctx.db, {
        action,
        actorUserId: manager.id,
        targetType: 'user',
        targetId: subject.id,
      });
    }
    // A ticket whose number happens to be text of the e-mail is not about the user.
    await recordAudit(ctx.db, { action: 'ticket.viewed', targetType: 'ticket', targetId: '1' });
    const about = async (target: string) =>
      (await searchAuditEvents(ctx.db, { limit: 50, target })).events.map((e) => e.action);
    // user.created: makeUser's own event.
    const expected = ['user.disabled', 'user.mailboxes_changed', 'user.invited', 'user.created'];
    expect(await about(subject.email.toUpperCase())).toEqual(expected);
    expect(await about(subject.name)).toEqual(expected);
    expect(await about(subject.id)).toEqual(expected);
    expect(await about('nobody-like-this@example.org')).toEqual([]);

    const http = await search(`target=${encodeURIComponent(subject.email)}&action=user.`);
    expect(http.statusCode).toBe(200);
    const dto = http.json<AuditPageDto>();
    expect(dto.events.map((e) => e.action)).toEqual(expected);
    expect(dto.events[0]?.targetEmail).toBe(subject.email);
    expect(dto.events[0]?.actor.email).toBe(manager.email);
    // Wildcards in the text are literal; an over-long target is refused.
    expect((await search('target=%25')).json<AuditPageDto>().events).toEqual([]);
    expect((await search(`target=${'x'.repeat(400)}`)).statusCode).toBe(400);
  });

  it('names a ticket by its number, never its internal id, and finds it by that number', async () => {
    const { partenaires = '' } = await withDefaultConfiguration(ctx.db);
    const ticketId = await createTicket(ctx.db, {
      mailboxId: partenaires,
      createdAt: new Date('2020-03-02T10:00:00Z'),
    });
    const { number } = await ctx.db
      .selectFrom('tickets')
      .select('number')
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    // Internal id and number apart, so that finding one is not finding the other.
    await ctx.db
      .updateTable('tickets')
      .set({ number: number + 50_000 })
      .where('id', '=', ticketId)
      .execute();
    await recordAudit(ctx.db, {
      action: 'ticket.changed',
      targetType: 'ticket',
      targetId: String(ticketId),
      details: { status: 'closed' },
    });
    await recordAudit(ctx.db, {
      action: 'mailbox.mail_settings.update',
      targetType: 'mailbox',
      targetId: partenaires,
    });
    for (const target of [`#${number + 50_000}`, String(number + 50_000)]) {
      const dto = (
        await search(`action=ticket.changed&target=${encodeURIComponent(target)}`)
      ).json<AuditPageDto>();
      expect(
        dto.events.map((e) => [e.action, e.targetLabel]),
        target,
      ).toEqual([['ticket.changed', `#${number + 50_000}`]]);
    }
    const mailbox = (await search('action=mailbox.')).json<AuditPageDto>();
    expect(mailbox.events[0]?.targetLabel).toBe('Partenaires');
    // Numbers past any ticket's, and look-alikes, find nothing rather than fail.
    for (const target of ['#99999999999999', '#-1', '# 1 or 1=1', '#１２']) {
      const response = await search(`target=${encodeURIComponent(target)}`);
      expect(response.statusCode, target).toBe(200);
      expect(response.json<AuditPageDto>().events, target).toEqual([]);
    }
  });

  it('answers hostile search input with 400', async () => {
    for (const query of [
      'from=2020-13-01',
      'to=yesterday',
      'before=abc',
      'before=-1',
      'limit=100000',
      'action=%27%20or%201%3D1',
      'unknown=1',
      'from=2021-01-02&to=2021-01-01',
      `q=${'x'.repeat(500)}`,
    ]) {
      expect((await search(query)).statusCode, query).toBe(400);
    }
    expect((await search('from=2021-01-01&to=2021-01-01')).statusCode).toBe(200);
  });

  it('purges events older than 12 months, keeps the rest', async () => {
    const now = new Date('2026-06-15T12:00:00Z');
    expect(auditCutoff(now).toISOString()).toBe('2025-06-15T12:00:00.000Z');
    const at = (iso: string) => new Date(iso);
    for (const [iso, label] of [
      ['2025-06-15T11:59:59Z', 'old'],
      ['2024-01-01T00:00:00Z', 'older'],
      ['2025-06-15T12:00:01Z', 'kept'],
    ] as const) {
      await ctx.db
        .insertInto('audit_events')
        .values({ action: 'test.purge', actor_label: label, at: at(iso), details: '{}' })
        .execute();
    }
    expect(await purgeOldAuditEvents(ctx.db, now)).toBeGreaterThanOrEqual(2);
    const left = await ctx.db
      .selectFrom('audit_events')
      .select('actor_label')
      .where('action', '=', 'test.purge')
      .execute();
    expect(left.map((r) => r.actor_label)).toEqual(['kept']);
    // Events of today are untouched by the real clock's purge.
    await recordAudit(ctx.db, { action: 'test.purge_today' });
    await purgeOldAuditEvents(ctx.db);
    const today = await ctx.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'test.purge_today')
      .execute();
    expect(today).toHaveLength(1);
  });
});
