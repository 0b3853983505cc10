import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { buildTestApp, cookieOf, logIn, makeUser, testPassword } from '../../../../test/http.ts';
import { setUserDisabled } from '../../../domain/users/manage-users.ts';

describeEachBackend('auth routes', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
  });
  afterAll(async () => {
    await app.close();
  });

  const session = (cookie: string) =>
    app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });

  it('logs in with the right password: HttpOnly SameSite=Lax cookie, user without secrets, CSRF token', async () => {
    const { email } = await makeUser(ctx.database, 'agent');
    const { response, cookie, csrfToken } = await logIn(app, email);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // PUBLIC_URL is http here
    expect(response.body).not.toMatch(/argon2|password/i);
    expect(csrfToken).toMatch(/^[\w-]{43}$/);
    const me = await session(cookie);
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toEqual(expect.objectContaining({ email, role: 'agent' }));
  });

  it('marks the cookie Secure with a __Host- prefix when PUBLIC_URL is https', async () => {
    const secureApp = await buildTestApp(ctx.database, 'https://guichet.example.org');
    const { email } = await makeUser(ctx.database, 'viewer');
    const response = await secureApp.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: testPassword },
    });
    expect(String(response.headers['set-cookie'])).toMatch(/^__Host-guichet_session=.*Secure/i);
    expect(response.headers['strict-transport-security']).toBeDefined();
    await secureApp.close();
  });

  it('answers a wrong password and an unknown account the same way', async () => {
    const { email } = await makeUser(ctx.database, 'agent');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'not the password' },
      remoteAddress: '10.0.0.1',
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.org', password: 'whatever it is' },
      remoteAddress: '10.0.0.1',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('rejects hostile login bodies with 400 and no stack trace', async () => {
    const cases = [
      { payload: 'not json', headers: { 'content-type': 'application/json' } },
      { payload: { email: 'a@example.org' } },
      { payload: { email: 42, password: ['x'] } },
      { payload: { email: 'a'.repeat(10_000), password: 'x' } },
      { payload: { email: 'a@example.org', password: 'p'.repeat(5_000) } },
      {
        payload: '{"email": "a@example.org", "password": "x", "__proto__": {"role": "admin"}}',
        headers: { 'content-type': 'application/json' },
      },
    ];
    for (const c of cases) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', ...c } as never);
      expect([400, 401], response.body).toContain(response.statusCode);
      expect(response.json().error.code).toMatch(/invalid_input|unauthenticated/);
      expect(response.body).not.toMatch(/\s+at\s+\S+\s\(/);
    }
    const huge = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@example.org', password: 'x'.repeat(2_000_000) }),
    });
    expect(huge.statusCode).toBe(413);
  });

  it('ignores forged, unsigned and tampered session cookies', async () => {
    const { email } = await makeUser(ctx.database, 'agent');
    const { cookie } = await logIn(app, email);
    const [name, value] = cookie.split('=') as [string, string];
    const token = decodeURIComponent(value).split('.')[0] ?? '';
    for (const forged of [
      `${name}=${token}`, // right token, no signature
      `${name}=${encodeURIComponent(`${token}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)}`, // wrong signature
      `${name}=${encodeURIComponent(`x${decodeURIComponent(value)}`)}`, // tampered
      `${name}=`,
      `${name}=${'%'.repeat(50)}`,
    ]) {
      expect((await session(forged)).statusCode, forged).toBe(401);
    }
  });

  it('gives a new session id at login and ends the previous one', async () => {
    const { email } = await makeUser(ctx.database, 'agent');
    const first = await logIn(app, email);
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: testPassword },
      headers: { cookie: first.cookie },
    });
    expect(again.statusCode).toBe(200);
    expect(cookieOf(again)).not.toBe(first.cookie);
    expect((await session(first.cookie)).statusCode).toBe(401);
  });

  it('logs out only with the CSRF token; the old cookie is dead afterwards', async () => {
    const { email } = await makeUser(ctx.database, 'agent');
    const { cookie, csrfToken } = await logIn(app, email);
    const noToken = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie },
    });
    expect(noToken.statusCode).toBe(403);
    const wrongToken = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-csrf-token': `${csrfToken}x` },
    });
    expect(wrongToken.statusCode).toBe(403);
    const crossSite = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-csrf-token': csrfToken, origin: 'https://evil.example.net' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await session(cookie)).statusCode).toBe(200);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-csrf-token': csrfToken, origin: 'http://localhost:3000' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await session(cookie)).statusCode).toBe(401);
  });

  it('refuses a cross-site login form post (login CSRF)', async () => {
    const { email } = await makeUser(ctx.database, 'agent');
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: testPassword },
      headers: { origin: 'https://evil.example.net' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('ends the session when it expires', async () => {
    const { email, user } = await makeUser(ctx.database, 'agent');
    const { cookie } = await logIn(app, email);
    await ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    const response = await session(cookie);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('kills every session of a user who is disabled, at once', async () => {
    const { email } = await makeUser(ctx.database, 'agent');
    const a = await logIn(app, email);
    const b = await logIn(app, email, testPassword, '127.0.0.2');
    await setUserDisabled(ctx.db, email, true, { userId: null, label: 'test' });
    expect((await session(a.cookie)).statusCode).toBe(401);
    expect((await session(b.cookie)).statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: testPassword },
      remoteAddress: '127.0.0.3',
    });
    expect(login.statusCode).toBe(401);
  });

  it('throttles failures per account without locking the account for good', async () => {
    const { email } = await makeUser(ctx.database, 'agent');
    const attempt = (password: string, ip: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password },
        remoteAddress: ip,
      });
    // Five failures, each from another IP: the account is blocked after the fifth, for a while.
    for (let i = 0; i < 5; i++)
      expect((await attempt('wrong password!', `10.1.0.${i}`)).statusCode).toBe(401);
    const blocked = await attempt(testPassword, '10.1.0.10');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // Once the block has passed, the right password works again (no permanent lockout).
    await ctx.db
      .updateTable('login_throttle')
      .set({ blocked_until: new Date(Date.now() - 1000) })
      .execute();
    expect((await attempt(testPassword, '10.1.0.11')).statusCode).toBe(200);
  });

  it('throttles one IP trying many accounts, and records every attempt in the audit log', async () => {
    const ip = '10.2.0.1';
    for (let i = 0; i < 50; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `ghost${i}@example.org`, password: 'guess guess' },
        remoteAddress: ip,
      });
      // the in-memory flood guard (30/min) may answer first: both mean "slow down"
      expect([401, 429]).toContain(response.statusCode);
    }
    const { email } = await makeUser(ctx.database, 'agent');
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: testPassword },
      remoteAddress: ip,
    });
    expect(response.statusCode).toBe(429);
    const audited = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('ip', '=', ip)
      .execute();
    expect(audited.filter((a) => a.action === 'auth.login_failed').length).toBeGreaterThanOrEqual(
      29,
    );
  });

  it('ignores X-Forwarded-For from a client that is not a configured proxy', async () => {
    const { email } = await makeUser(ctx.database, 'agent');
    await logIn(app, email, testPassword, '10.3.0.1');
    const spoofed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: testPassword },
      remoteAddress: '10.3.0.2',
      headers: { 'x-forwarded-for': '203.0.113.9', 'x-remote-user': 'admin' },
    });
    expect(spoofed.statusCode).toBe(200);
    const ips = await ctx.db
      .selectFrom('sessions')
      .select('ip')
      .where('ip', 'in', ['203.0.113.9', '10.3.0.2'])
      .execute();
    expect(ips.map((r) => r.ip)).toEqual(['10.3.0.2']);
  });
});
