/**
 * The rules' and macros' routes (issue 19 §3–§4): a supervisor writes, orders, switches
 * and previews rules; hostile bodies are a clear 400 (a backtracking pattern, 10,000
 * ids, unknown fields, garbage), never a 500; an agent keeps personal macros that others
 * do not see and applies a macro (reply queued, tag, status) on a ticket it sees.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { ticket } from '../../../../test/support/workspace-app.ts';
import type { MacroListDto, RuleListDto } from '../../../shared/automation-contracts.ts';

describeEachBackend('automation routes', (ctx) => {
  let app: FastifyInstance;
  let supervisor: LoggedIn;
  let agent: LoggedIn;
  let other: LoggedIn;
  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    supervisor = await logIn(app, (await makeUser(ctx.database, 'supervisor')).email);
    agent = await logIn(app, (await makeUser(ctx.database, 'agent')).email);
    other = await logIn(app, (await makeUser(ctx.database, 'agent')).email);
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (
    who: LoggedIn,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as string }),
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
    });
  const rule = (over: Record<string, unknown> = {}) => ({
    name: 'Communes',
    enabled: false,
    trigger: { type: 'ticket_opened' },
    conditions: [{ kind: 'senderDomain', in: ['mairie-exemple.example.org'] }],
    actions: [{ kind: 'tag', tag: 'commune' }],
    stop: false,
    ...over,
  });

  it('writes, orders, switches, previews and deletes rules', async () => {
    const a = (await call(supervisor, 'POST', '/api/rules', rule())).json<{ id: string }>().id;
    const b = (await call(supervisor, 'POST', '/api/rules', rule({ name: 'Deux' }))).json<{
      id: string;
    }>().id;
    expect((await call(supervisor, 'PUT', '/api/rules/order', { ids: [b, a] })).statusCode).toBe(
      204,
    );
    expect((await call(supervisor, 'PATCH', `/api/rules/${a}`, { enabled: true })).statusCode).toBe(
      204,
    );
    const list = (await call(supervisor, 'GET', '/api/rules')).json<RuleListDto>();
    expect(list.rules.map((r) => [r.name, r.enabled])).toEqual([
      ['Deux', false],
      ['Communes', true],
    ]);
    expect(list.options.mailboxes.length).toBeGreaterThan(0);
    const preview = await call(supervisor, 'POST', '/api/rules/preview', { rule: rule() });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ matched: 0, truncated: false });
    expect((await call(supervisor, 'DELETE', `/api/rules/${b}`)).statusCode).toBe(204);
    expect((await call(supervisor, 'DELETE', `/api/rules/${b}`)).statusCode).toBe(404);
    expect((await call(agent, 'GET', '/api/rules')).statusCode).toBe(403);
  });

  it('answers hostile rules with a clear 4xx', async () => {
    const bodies = [
      rule({ conditions: [{ kind: 'pattern', where: 'body', pattern: '(a+)+$' }] }),
      rule({ conditions: [{ kind: 'pattern', where: 'body', pattern: 'x'.repeat(201) }] }),
      rule({ actions: [{ kind: 'setField', fieldId: crypto.randomUUID(), valueId: null }] }),
      rule({ actions: [{ kind: 'setField', fieldId: 'pas-un-id', valueId: null }] }),
      rule({ actions: [] }),
      rule({ trigger: { type: 'waiting', hours: -3 } }),
      rule({ conditions: Array.from({ length: 21 }, () => ({ kind: 'channel', in: ['email'] })) }),
      rule({ extra: true }),
      'pas du json',
      null,
    ];
    for (const body of bodies) {
      const response = await call(supervisor, 'POST', '/api/rules', body);
      // 400, or 415 for a body that is not JSON: a clear refusal, never a 500
      expect([400, 415], JSON.stringify(body).slice(0, 80)).toContain(response.statusCode);
    }
    const ids = Array.from({ length: 10_000 }, () => crypto.randomUUID());
    expect((await call(supervisor, 'PUT', '/api/rules/order', { ids })).statusCode).toBe(400);
    expect(
      (await call(supervisor, 'PUT', '/api/rules/order', { ids: [crypto.randomUUID()] }))
        .statusCode,
    ).toBe(400);
    expect((await call(supervisor, 'PUT', '/api/rules/pas-un-id', rule())).statusCode).toBe(404);
    expect((await call(supervisor, 'POST', '/api/rules/preview', { rule: {} })).statusCode).toBe(
      400,
    );
  });

  it('keeps personal macros to their author and applies one on a ticket', async () => {
    const options = (await call(agent, 'GET', '/api/macros')).json<MacroListDto>().options;
    const mailbox = options.mailboxes[0];
    if (!mailbox) throw new Error('no mailbox');
    const reply = await ctx.db
      .insertInto('saved_replies')
      .values({ mailbox_id: null, name: 'Merci', body: 'Merci {{contact.firstName}}.' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await call(agent, 'POST', '/api/macros', {
      name: 'Merci et attente',
      mailboxId: null,
      personal: true,
      actions: [
        { kind: 'reply', savedReplyId: reply.id },
        { kind: 'tag', tag: 'merci' },
        { kind: 'status', status: 'pending' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    // a shared macro is a supervisor's; another agent does not see a personal one
    expect(
      (
        await call(agent, 'POST', '/api/macros', {
          name: 'x',
          mailboxId: null,
          personal: false,
          actions: [{ kind: 'assignSelf' }],
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call(other, 'GET', '/api/macros')).json<MacroListDto>().macros.map((m) => m.id),
    ).not.toContain(id);
    expect(
      (await call(other, 'POST', `/api/macros/${id}/apply`, { ticketIds: [1] })).statusCode,
    ).toBe(404);
    const made = await ticket(ctx.db, {
      mailboxId: mailbox.id,
      subject: 'Macro',
      contactName: 'Claire Martin',
      email: 'claire@mairie-exemple.example.org',
      body: 'Bonjour',
      at: new Date(),
    });
    await ctx.db
      .insertInto('mailbox_addresses')
      .values({
        address: `macros-${Date.now()}@example.org`,
        mailbox_id: mailbox.id,
        is_primary: true,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const applied = await call(agent, 'POST', `/api/macros/${id}/apply`, {
      ticketIds: [made.id, 999_999_999],
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toEqual({
      applied: [made.id],
      refused: [{ ticketId: 999_999_999, reason: 'not_found' }],
    });
    const after = await ctx.db
      .selectFrom('tickets')
      .select('status')
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('pending');
    const sent = await ctx.db
      .selectFrom('messages')
      .select('body_text')
      .where('ticket_id', '=', made.id)
      .where('kind', '=', 'reply')
      .execute();
    expect(sent.map((m) => m.body_text)).toEqual(['Merci Claire.']);
    for (const body of [
      { ticketIds: [] },
      { ticketIds: Array.from({ length: 501 }, (_, i) => i + 1) },
      { ticketIds: ['x'] },
    ])
      expect((await call(agent, 'POST', `/api/macros/${id}/apply`, body)).statusCode).toBe(400);
  });
});
