import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../test/http.ts';
import type { Role } from '../db/schema.ts';

/** Every API route with the least role allowed to call it. Add each new route here. */
const routes: { method: 'GET' | 'POST'; url: string; minimum: Role | null }[] = [
  { method: 'GET', url: '/api/auth/session', minimum: 'viewer' },
  { method: 'GET', url: '/api/mailboxes', minimum: 'viewer' },
  { method: 'GET', url: '/api/users', minimum: 'supervisor' },
];
const ordered: Role[] = ['viewer', 'agent', 'supervisor', 'admin'];

describeEachBackend('http app', (ctx) => {
  let app: FastifyInstance;
  const sessions = new Map<Role, LoggedIn>();
  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    for (const role of ordered) {
      const { email } = await makeUser(ctx.database, role);
      sessions.set(role, await logIn(app, email));
    }
  });
  afterAll(async () => {
    await app.close();
  });

  it('enforces the role of every route: 401 anonymous, 403 below the role, 200 at or above', async () => {
    for (const route of routes) {
      const anonymous = await app.inject({ method: route.method, url: route.url });
      expect(anonymous.statusCode, `${route.url} anonymous`).toBe(401);
      for (const role of ordered) {
        const session = sessions.get(role);
        const response = await app.inject({
          method: route.method,
          url: route.url,
          headers: { cookie: session?.cookie ?? '' },
        });
        const allowed =
          route.minimum !== null && ordered.indexOf(role) >= ordered.indexOf(route.minimum);
        expect(response.statusCode, `${route.url} as ${role}`).toBe(allowed ? 200 : 403);
        expect(response.body, `${route.url} as ${role}`).not.toMatch(
          /argon2|password_hash|csrf_token/,
        );
      }
    }
  });

  it('lists the default mailboxes with their fields', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/mailboxes',
      headers: { cookie: sessions.get('viewer')?.cookie ?? '' },
    });
    const { mailboxes } = response.json();
    expect(mailboxes.map((m: { name: string }) => m.name)).toEqual(['Partenaires', 'Demandeurs']);
    expect(mailboxes[0].fields).toEqual([
      { key: 'departement', label: 'Département', valueCount: 10 },
      { key: 'nature', label: 'Nature du problème', valueCount: 26 },
      { key: 'module', label: "Module de l'application", valueCount: 18 },
      { key: 'partner_type', label: 'Type de partenaire', valueCount: 6 },
    ]);
  });

  it('reports health and sends the security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('same-origin');
  });

  it('serves the web app for pages, JSON 404 for unknown API routes, and never changes state on GET', async () => {
    const page = await app.inject({
      method: 'GET',
      url: '/some/page',
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const api = await app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: { accept: 'text/html' },
    });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    const logoutByGet = await app.inject({
      method: 'GET',
      url: '/api/auth/logout',
      headers: { cookie: sessions.get('agent')?.cookie ?? '' },
    });
    expect(logoutByGet.statusCode).toBe(404);
    const still = await app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: sessions.get('agent')?.cookie ?? '' },
    });
    expect(still.statusCode).toBe(200);
  });

  it('answers odd requests with clear errors', async () => {
    const traversal = await app.inject({
      method: 'GET',
      url: '/../../etc/passwd',
      headers: { accept: 'text/html' },
    });
    expect(traversal.body).not.toContain('root:');
    const badContentType = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-evil' },
      payload: 'x',
    });
    expect(badContentType.statusCode).toBe(415);
    expect(badContentType.json().error.code).toBe('invalid_input');
  });
});
