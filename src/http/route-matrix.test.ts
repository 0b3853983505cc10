/**
 * Every `/api/` route × every role, on the real app: the routes are collected
 * as Fastify registers them (onRoute), so a route added later is covered
 * without touching this file. Each route must carry a `requireRole` guard or
 * be on the small public allow-list below. Then, over real HTTP:
 *
 * - anonymous → 401; a role below the guard's minimum → 403;
 * - the minimum role and above → never 401/403 (400/404 for the dummy
 *   parameters are fine: the point is the guard);
 * - a mutating request with a session but without its CSRF token → 403.
 *
 * Requests carry no body and `1` for every path parameter. A response that
 * starts a stream (server-sent events) counts by its status line alone.
 *
 * API tokens (issue 21 §1): every guarded route × a token of each scope (of an
 * administrator: the scope decides) and a token of an agent holding every scope
 * an agent may hold (scope AND role decide), without cookie, Origin or CSRF
 * token: 403 unless the route's scope (policies/token-scopes.ts) is allowed.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../test/http.ts';
import { inboundDeps } from '../../test/mail.ts';
import type { Database } from '../db/client.ts';
import { createToken } from '../domain/api-tokens/manage-tokens.ts';
import { hasRole } from '../policies/roles.ts';
import { scopesAllow, tokenScopeOf } from '../policies/token-scopes.ts';
import { type TokenScope, tokenScopes } from '../shared/api-token-contracts.ts';
import { type RoleName, roles } from '../shared/contracts.ts';
import { guardRoleOf } from './hooks/sessions.ts';

/** The only `/api/` routes anyone may call without a session. */
const publicRoutes = new Set([
  'POST /api/auth/login',
  // Single sign-on (issue 21 §4): the login page's provider buttons.
  'GET /api/auth/sso/options',
  // Account mail links (issue 8): the single-use token in the body or query is the credential.
  'GET /api/account/links/:purpose',
  'POST /api/account/invitation',
  'POST /api/account/password-reset',
  'POST /api/account/password-reset/request',
  // The API's reference (issue 21 §2): the OpenAPI document and @fastify/swagger-ui's page.
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/json',
  'GET /api/docs/yaml',
  'GET /api/docs/static/index.html',
  'GET /api/docs/static/swagger-initializer.js',
  'GET /api/docs/static/*',
]);

type ApiRoute = { method: string; url: string; minimum: RoleName | undefined; csrf: boolean };

const mutating = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/** The routes' guards as registered; HEAD twins of GET routes share the GET's guard. */
function collect(into: ApiRoute[]) {
  return (options: RouteOptions) => {
    if (!options.url.startsWith('/api/')) return;
    const methods = Array.isArray(options.method) ? options.method : [options.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      into.push({
        method,
        url: options.url,
        minimum: guardRoleOf(options.preHandler) ?? guardRoleOf(options.onRequest),
        csrf: options.config?.csrf !== 'origin-only',
      });
    }
  };
}

const concrete = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, '1').replace(/\*/g, 'x');

// Routes that end the caller's session run last, so the other checks keep their sessions.
const endsSession = (route: ApiRoute) => /logout/.test(route.url);

describe('role × route matrix', () => {
  const routes: ApiRoute[] = [];
  let database: Database;
  let app: FastifyInstance;
  let base = '';
  const sessions = new Map<RoleName, LoggedIn>();

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await buildTestApp(database, 'http://localhost:3000', {
      mail: { inbound: await inboundDeps(database.db), credentialsKey: undefined },
      onRoute: collect(routes),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    for (const role of roles)
      sessions.set(role, await logIn(app, (await makeUser(database, role)).email));
    routes.sort((a, b) => Number(endsSession(a)) - Number(endsSession(b)));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** The status of one request; a stream that has not ended is cancelled once its status is known. */
  async function statusOf(
    route: ApiRoute,
    who: LoggedIn | { bearer: string } | null,
    csrf = true,
  ): Promise<number> {
    const headers: Record<string, string> = { origin: 'http://localhost:3000' };
    if (who && 'bearer' in who) {
      delete headers.origin;
      headers.authorization = `Bearer ${who.bearer}`;
    } else if (who) {
      headers.cookie = who.cookie;
      if (csrf) headers['x-csrf-token'] = who.csrfToken;
    }
    const response = await fetch(`${base}${concrete(route.url)}`, {
      method: route.method,
      headers,
      signal: AbortSignal.timeout(20_000),
    });
    await response.body?.cancel();
    return response.status;
  }

  it('finds the routes, and every /api/ route is guarded or explicitly public', () => {
    expect(routes.length).toBeGreaterThan(30);
    const unguarded = routes
      .filter((r) => r.minimum === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(unguarded.sort()).toEqual([...publicRoutes].sort());
    // The directory and the profile are in the matrix, with their roles.
    const minimumOf = (method: string, url: string) =>
      routes.find((r) => r.method === method && r.url === url)?.minimum;
    expect(minimumOf('GET', '/api/organisations')).toBe('agent');
    expect(minimumOf('POST', '/api/organisations/import')).toBe('supervisor');
    expect(minimumOf('DELETE', '/api/organisations/:id')).toBe('supervisor');
    expect(minimumOf('PATCH', '/api/me/profile')).toBe('viewer');
    // The help centre's structure (categories, public natures) is the supervisors'.
    for (const [method, url] of [
      ['GET', '/api/portal/categories'],
      ['POST', '/api/portal/categories'],
      ['PUT', '/api/portal/categories/:id'],
      ['DELETE', '/api/portal/categories/:id'],
      ['POST', '/api/portal/categories/reorder'],
      ['GET', '/api/portal/natures'],
      ['POST', '/api/portal/natures'],
      ['PUT', '/api/portal/natures/:key'],
      ['POST', '/api/portal/natures/reorder'],
    ] as const)
      expect([method, url, minimumOf(method, url)]).toEqual([method, url, 'supervisor']);
  });

  it('answers 401 anonymously, 403 below the role, and passes the guard at or above it', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const name = `${route.method} ${route.url}`;
      const minimum = route.minimum;
      if (minimum === undefined) continue;
      const anonymous = await statusOf(route, null);
      if (anonymous !== 401) wrong.push(`${name} anonymous → ${anonymous}`);
      for (const role of [...roles].reverse()) {
        const session = sessions.get(role);
        if (!session) throw new Error(`no ${role} session`);
        const status = await statusOf(route, session);
        const allowed = hasRole(role, minimum);
        if (!allowed && status !== 403) wrong.push(`${name} as ${role} → ${status}, expected 403`);
        if (allowed && (status === 401 || status === 403 || status >= 500))
          wrong.push(`${name} as ${role} → ${status}, expected to pass the guard`);
      }
    }
    expect(wrong).toEqual([]);
  });

  // Partners' own view (issue 21 §5): a viewer attached to an organisation reaches its own
  // routes and nothing else a viewer could read.
  it('keeps a partner (a viewer of an organisation) on the partner routes', async () => {
    const partnerUser = await makeUser(database, 'viewer');
    const organisation = await database.db
      .insertInto('organisations')
      .values({ name: `Partenaire de la matrice ${Date.now()}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('user_organisations')
      .values({ user_id: partnerUser.user.id, organisation_id: organisation.id })
      .execute();
    const partner = await logIn(app, partnerUser.email);
    const open = ['/api/auth/', '/api/account/', '/api/me/', '/api/partner/'];
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.minimum === 'viewer' && !endsSession(r))) {
      const status = await statusOf(route, partner);
      const allowed = open.some((prefix) => route.url.startsWith(prefix));
      if (!allowed && status !== 403) wrong.push(`${route.method} ${route.url} → ${status}`);
      if (allowed && (status === 401 || status === 403 || status >= 500))
        wrong.push(`${route.method} ${route.url} → ${status}, expected to pass`);
    }
    expect(wrong).toEqual([]);
    expect(routes.find((r) => r.url === '/api/partner/tickets/:number')?.minimum).toBe('viewer');
  });

  it('refuses a mutation without the session’s CSRF token', async () => {
    const admin = await logIn(app, (await makeUser(database, 'admin')).email);
    const wrong: string[] = [];
    for (const route of routes.filter((r) => mutating(r.method) && r.csrf)) {
      const status = await statusOf(route, admin, false);
      if (status !== 403) wrong.push(`${route.method} ${route.url} without CSRF → ${status}`);
    }
    expect(wrong).toEqual([]);
    expect(routes.filter((r) => mutating(r.method) && r.csrf).length).toBeGreaterThan(10);
  });

  it('lets a token through exactly where its scope and its user’s role allow, without CSRF', async () => {
    const admin = (await makeUser(database, 'admin')).user;
    const agent = (await makeUser(database, 'agent')).user;
    const actor = { userId: null, label: 'test' };
    const tokenOf = async (user: typeof admin, scopes: TokenScope[]) =>
      (
        await createToken(
          database.db,
          user,
          { name: scopes.join(' '), scopes, expiresInDays: 1, kind: 'service' },
          actor,
        )
      ).token;
    const holders: { name: string; role: RoleName; scopes: TokenScope[]; bearer: string }[] = [];
    for (const scope of tokenScopes)
      holders.push({
        name: `admin ${scope}`,
        role: 'admin',
        scopes: [scope],
        bearer: await tokenOf(admin, [scope]),
      });
    const agentScopes: TokenScope[] = ['tickets:read', 'tickets:write', 'reports:read'];
    holders.push({
      name: 'agent tickets+reports',
      role: 'agent',
      scopes: agentScopes,
      bearer: await tokenOf(agent, agentScopes),
    });
    const wrong: string[] = [];
    const passed = new Map<string, number>();
    for (const route of routes) {
      const minimum = route.minimum;
      if (minimum === undefined || endsSession(route)) continue;
      const needed = tokenScopeOf(route.method, route.url, minimum);
      for (const holder of holders) {
        const status = await statusOf(route, { bearer: holder.bearer });
        const allowed = hasRole(holder.role, minimum) && scopesAllow(holder.scopes, needed);
        const name = `${route.method} ${route.url} [${needed}] with ${holder.name}`;
        if (!allowed && status !== 403) wrong.push(`${name} → ${status}, expected 403`);
        if (allowed && (status === 401 || status === 403 || status >= 500))
          wrong.push(`${name} → ${status}, expected to pass`);
        if (allowed) passed.set(holder.name, (passed.get(holder.name) ?? 0) + 1);
      }
    }
    expect(wrong).toEqual([]);
    // Each scope opens something, and a read scope never opens a write.
    for (const holder of holders)
      expect(passed.get(holder.name) ?? 0, holder.name).toBeGreaterThan(0);
    expect(tokenScopeOf('PATCH', '/api/tickets/:id', 'agent')).toBe('tickets:write');
    expect(tokenScopeOf('GET', '/api/tickets/:id', 'agent')).toBe('tickets:read');
    expect(tokenScopeOf('GET', '/api/reports', 'viewer')).toBe('reports:read');
    expect(tokenScopeOf('POST', '/api/tokens', 'viewer')).toBe('session');
  });
});
