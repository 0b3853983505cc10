/**
 * API tokens end to end on the real app (issue 21 §1), on both backends: made
 * in the app (shown once, stored hashed), used as `Authorization: Bearer`
 * without cookie or CSRF token, refused where the scope or the mailbox scope
 * says no, audited with the token's name, limited per token, and refused at
 * once when revoked or expired, on this instance and within a second on
 * another (its lookup cache).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { createTicket, withDefaultConfiguration } from '../../../../test/factories.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { waitFor } from '../../../../test/wait-for.ts';
import { createToken, tokenHashOf } from '../../../domain/api-tokens/manage-tokens.ts';
import { createTokenResolver } from '../../../domain/api-tokens/resolve-token.ts';

describeEachBackend('API tokens', (ctx) => {
  let app: FastifyInstance;
  let other: FastifyInstance;
  let agent: LoggedIn;
  let agentId = '';
  let admin: LoggedIn;
  let ownTicket = 0;
  let foreignTicket = 0;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    other = await buildTestApp(ctx.database, 'http://localhost:3000', {
      apiTokens: { perMinute: 3 },
    });
    const { demandeurs = '', partenaires = '' } = await withDefaultConfiguration(ctx.db);
    const made = await makeUser(ctx.database, 'agent');
    agentId = made.user.id;
    await ctx.db
      .updateTable('users')
      .set({ all_mailboxes: false })
      .where('id', '=', agentId)
      .execute();
    await ctx.db
      .insertInto('user_mailboxes')
      .values({ user_id: agentId, mailbox_id: demandeurs })
      .execute();
    agent = await logIn(app, made.email);
    admin = await logIn(app, (await makeUser(ctx.database, 'admin')).email);
    ownTicket = await createTicket(ctx.db, { mailboxId: demandeurs, createdAt: new Date() });
    foreignTicket = await createTicket(ctx.db, { mailboxId: partenaires, createdAt: new Date() });
  });
  afterAll(async () => {
    await app.close();
    await other.close();
  });

  const withSession = (
    who: LoggedIn,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      payload,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
    });
  const withToken = (
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    on = app,
  ) => on.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });

  it('makes a personal token shown once and stored hashed; uses it within its scope and mailboxes', async () => {
    const made = await withSession(agent, 'POST', '/api/tokens', {
      name: 'Tableau de suivi',
      scopes: ['tickets:read'],
      expiresInDays: 30,
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    const { token, apiToken } = made.json();
    expect(token).toMatch(/^gch_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({
      kind: 'personal',
      scopes: ['tickets:read'],
      status: 'active',
    });
    const listed = await withSession(agent, 'GET', '/api/tokens');
    expect(listed.body).not.toContain(token);
    expect(listed.json().tokens).toHaveLength(1);
    const row = await ctx.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', apiToken.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(tokenHashOf(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(8));

    expect((await withToken(token, 'GET', '/api/inbox')).statusCode).toBe(200);
    expect((await withToken(token, 'GET', `/api/tickets/${ownTicket}`)).statusCode).toBe(200);
    // Another mailbox's ticket does not exist for this agent, token or not.
    expect((await withToken(token, 'GET', `/api/tickets/${foreignTicket}`)).statusCode).toBe(404);
    // A read scope refuses a write, and a token never manages tokens.
    const write = await withToken(token, 'PATCH', `/api/tickets/${ownTicket}`, {
      status: 'closed',
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.message).toContain('tickets:write');
    const mint = await withToken(token, 'POST', '/api/tokens', {
      name: 'x',
      scopes: ['tickets:read'],
      expiresInDays: 1,
    });
    expect(mint.statusCode).toBe(403);
    // The role still applies: an agent's token has no administrator's route.
    expect((await withToken(token, 'GET', '/api/admin/tokens')).statusCode).toBe(403);

    const used = await waitFor(async () => {
      const rows = await ctx.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'api_token.used')
        .where('target_id', '=', String(apiToken.id))
        .execute();
      return rows.length >= 6 ? rows : undefined;
    }, 'the uses in the audit log');
    expect(used[0]?.actor_label).toBe('token: Tableau de suivi');
    expect(used[0]?.actor_user_id).toBe(agentId);
    expect(used.map((u) => (u.details as { status: number }).status).sort()).toEqual([
      200, 200, 403, 403, 403, 404,
    ]);
  });

  it('writes without a CSRF token with tickets:write, and the cookie is not read beside a token', async () => {
    const { token } = await createToken(
      ctx.db,
      { id: agentId, role: 'agent', disabled_at: null },
      { name: 'Robot', scopes: ['tickets:write'], expiresInDays: 1, kind: 'service' },
      { userId: null, label: 'test' },
    );
    const changed = await withToken(token, 'PATCH', `/api/tickets/${ownTicket}`, {
      status: 'pending',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    // tickets:write alone does not read.
    expect((await withToken(token, 'GET', '/api/inbox')).statusCode).toBe(403);
    const both = await app.inject({
      method: 'GET',
      url: '/api/admin/tokens',
      headers: { authorization: `Bearer ${token}`, cookie: admin.cookie },
    });
    expect(both.statusCode).toBe(403);
  });

  it('refuses hostile, unknown, expired and revoked tokens with 401, never a 500', async () => {
    for (const header of [
      'Bearer',
      'Bearer ',
      'Bearer a b',
      `Bearer gch_${'x'.repeat(5000)}`,
      `Bearer gch_${'A'.repeat(43)}`,
      'bearer \u0000',
    ]) {
      const response = await app.inject({
        method: 'GET',
        url: '/api/inbox',
        headers: { authorization: header },
      });
      expect([401], header.slice(0, 20)).toContain(response.statusCode);
    }
    const expired = await createToken(
      ctx.db,
      { id: agentId, role: 'agent', disabled_at: null },
      { name: 'Périmé', scopes: ['tickets:read'], expiresInDays: 1, kind: 'service' },
      { userId: null, label: 'test' },
    );
    await ctx.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', expired.row.id)
      .execute();
    expect((await withToken(expired.token, 'GET', '/api/inbox')).statusCode).toBe(401);

    const made = await withSession(agent, 'POST', '/api/tokens', {
      name: 'À révoquer',
      scopes: ['tickets:read'],
      expiresInDays: 7,
    });
    const { token, apiToken } = made.json();
    expect((await withToken(token, 'GET', '/api/inbox')).statusCode).toBe(200);
    expect((await withToken(token, 'GET', '/api/inbox', undefined, other)).statusCode).toBe(200);
    // Someone else's token is not found; the owner revokes theirs.
    expect((await withSession(admin, 'DELETE', `/api/tokens/${apiToken.id}`)).statusCode).toBe(404);
    expect((await withSession(agent, 'DELETE', `/api/tokens/${apiToken.id}`)).statusCode).toBe(200);
    expect((await withSession(agent, 'DELETE', `/api/tokens/${apiToken.id}`)).statusCode).toBe(409);
    // Refused at once where it was revoked, and on the other instance once its cache (≤ 1 s) is stale.
    expect((await withToken(token, 'GET', '/api/inbox')).statusCode).toBe(401);
    await waitFor(
      async () =>
        (await withToken(token, 'GET', '/api/inbox', undefined, other)).statusCode === 401
          ? true
          : undefined,
      'the other instance to refuse the revoked token',
      5000,
    );
  });

  it('keeps a lookup at most a second: revocation is seen on the next lookup after it', async () => {
    const resolve = createTokenResolver(ctx.db);
    const { token, row } = await createToken(
      ctx.db,
      { id: agentId, role: 'agent', disabled_at: null },
      { name: 'Cache', scopes: ['tickets:read'], expiresInDays: 1, kind: 'service' },
      { userId: null, label: 'test' },
    );
    const t0 = Date.now();
    expect((await resolve(token, t0))?.tokenId).toBe(row.id);
    await ctx.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', row.id)
      .execute();
    expect((await resolve(token, t0 + 999))?.tokenId).toBe(row.id);
    expect(await resolve(token, t0 + 1000)).toBeNull();
  });

  it('limits requests per token with a clear 429', async () => {
    const { token } = await createToken(
      ctx.db,
      { id: agentId, role: 'agent', disabled_at: null },
      { name: 'Pressé', scopes: ['tickets:read'], expiresInDays: 1, kind: 'service' },
      { userId: null, label: 'test' },
    );
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await withToken(token, 'GET', '/api/inbox', undefined, other)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await withToken(token, 'GET', '/api/inbox', undefined, other);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses wrong creation input; administrators see, make and revoke every token', async () => {
    for (const payload of [
      { name: 'x', scopes: ['admin'], expiresInDays: 1 },
      { name: 'x', scopes: ['tickets:everything'], expiresInDays: 1 },
      { name: 'x', scopes: [], expiresInDays: 1 },
      { name: '', scopes: ['tickets:read'], expiresInDays: 1 },
      { name: 'x', scopes: ['tickets:read'], expiresInDays: 0 },
      { name: 'x', scopes: ['tickets:read'], expiresInDays: 100_000 },
      { name: 'x'.repeat(101), scopes: ['tickets:read'], expiresInDays: 1 },
      { name: 'x', scopes: ['tickets:read'], expiresInDays: 1, userId: agentId },
    ]) {
      const response = await withSession(agent, 'POST', '/api/tokens', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await withSession(agent, 'GET', '/api/admin/tokens')).statusCode).toBe(403);
    const made = await withSession(admin, 'POST', '/api/admin/tokens', {
      userEmail: (
        await ctx.db
          .selectFrom('users')
          .select('email')
          .where('id', '=', agentId)
          .executeTakeFirstOrThrow()
      ).email,
      name: 'Intégration SI',
      scopes: ['tickets:read', 'reports:read'],
      expiresInDays: 365,
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().apiToken).toMatchObject({ kind: 'service', user: { id: agentId } });
    const all = (await withSession(admin, 'GET', '/api/admin/tokens')).json().tokens as {
      id: number;
    }[];
    expect(all.map((t) => t.id)).toContain(made.json().apiToken.id);
    const revoked = await withSession(
      admin,
      'DELETE',
      `/api/admin/tokens/${made.json().apiToken.id}`,
    );
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
    expect((await withSession(admin, 'DELETE', '/api/admin/tokens/999999999')).statusCode).toBe(
      404,
    );
    expect((await withSession(admin, 'DELETE', '/api/admin/tokens/abc')).statusCode).toBe(404);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'api_token')
      .where('target_id', '=', String(made.json().apiToken.id))
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['api_token.created', 'api_token.revoked']);
  });
});
