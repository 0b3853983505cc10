/**
 * Issue 16 §1: the CSRF and Origin checks decide on the route, not the raw
 * URL. The router decodes `/%61pi/users/1/disable` to `/api/users/:id/disable`;
 * a guard testing `request.url.startsWith('/api/')` let such a request through.
 *
 * Every mutating route (listed as Fastify registers them) is sent under
 * encoded variants of its path. A variant the router does not match is a plain
 * 404; one it matches must be refused exactly like the plain path: 403 for a
 * foreign Origin, 403 for a session without its CSRF token.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../test/http.ts';
import { inboundDeps } from '../../test/mail.ts';
import type { Database } from '../db/client.ts';

type Route = { method: string; url: string; csrf: boolean };

function collect(into: Route[]) {
  return (options: RouteOptions) => {
    if (!options.url.startsWith('/api/')) return;
    const methods = Array.isArray(options.method) ? options.method : [options.method];
    for (const method of methods) {
      if (['GET', 'HEAD', 'OPTIONS'].includes(method)) continue;
      into.push({ method, url: options.url, csrf: options.config?.csrf !== 'origin-only' });
    }
  };
}

const concrete = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, '1').replace(/\*/g, 'x');

/** Spellings of `/api/…` a router or a proxy may take for the same path. */
function encodedVariants(path: string): string[] {
  const rest = path.slice('/api'.length);
  const afterFirst = rest.slice(1);
  return [
    `/%61pi${rest}`,
    `/a%70i${rest}`,
    `/ap%69${rest}`,
    `/%61%70%69${rest}`,
    `/%41PI${rest}`,
    `/API${rest}`,
    `/Api${rest}`,
    `//api${rest}`,
    `/api/${rest}`,
    `/api%2F${afterFirst}`,
    `/api%2f${afterFirst}`,
    `/%2Fapi${rest}`,
    `/api${rest.replace(/\/([a-z])/, (_m, letter: string) => `/%${letter.charCodeAt(0).toString(16)}`)}`,
    `/./api${rest}`,
    `/x/../api${rest}`,
  ];
}

describe('guards decide on the route, not the raw URL', () => {
  const routes: Route[] = [];
  let database: Database;
  let app: FastifyInstance;
  let base = '';
  let admin: LoggedIn;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await buildTestApp(database, 'http://localhost:3000', {
      mail: { inbound: await inboundDeps(database.db), credentialsKey: undefined },
      onRoute: collect(routes),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    admin = await logIn(app, (await makeUser(database, 'admin')).email);
    // Routes that end the session run last, so the others keep it.
    routes.sort((a, b) => Number(/logout/.test(a.url)) - Number(/logout/.test(b.url)));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  let sent = 0;
  /**
   * Status and error of one raw request (the path is sent as written), each
   * from its own address so the per-IP rate limits never answer first.
   */
  async function send(method: string, path: string, headers: Record<string, string>) {
    sent += 1;
    const remoteAddress = `10.16.${(sent >> 8) & 255}.${sent & 255}`;
    const response = await app.inject({
      method: method as 'POST',
      url: path,
      headers,
      remoteAddress,
    });
    const body = String(response.headers['content-type'] ?? '').includes('json')
      ? (response.json() as { error?: { code?: string; message?: string } })
      : {};
    return { status: response.statusCode, error: body.error };
  }

  /** A 404 from the router (no route matched), not from a handler that ran. */
  const unrouted = (r: { status: number; error?: { message?: string } }) =>
    r.status === 404 && r.error?.message === 'Not found.';

  it('refuses a foreign Origin on every mutating route under every spelling', async () => {
    expect(routes.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    let matched = 0;
    for (const route of routes) {
      const path = concrete(route.url);
      const plain = await send(route.method, path, { origin: 'https://evil.example.org' });
      if (plain.status !== 403) wrong.push(`${route.method} ${path} → ${plain.status}`);
      for (const variant of encodedVariants(path)) {
        const result = await send(route.method, variant, { origin: 'https://evil.example.org' });
        if (unrouted(result)) continue;
        matched += 1;
        if (result.status !== 403) wrong.push(`${route.method} ${variant} → ${result.status}`);
      }
    }
    expect(wrong).toEqual([]);
    // The router does decode some spellings: the check above is not vacuous.
    expect(matched).toBeGreaterThan(routes.length);
  });

  it('refuses a session without its CSRF token on every mutating route under every spelling', async () => {
    const wrong: string[] = [];
    const headers = { origin: 'http://localhost:3000', cookie: admin.cookie };
    for (const route of routes.filter((r) => r.csrf)) {
      for (const variant of encodedVariants(concrete(route.url))) {
        const result = await send(route.method, variant, headers);
        if (unrouted(result)) continue;
        if (result.status !== 403) wrong.push(`${route.method} ${variant} → ${result.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('does not disable a user through /%61pi/users/<id>/disable from a foreign site', async () => {
    const supervisor = await logIn(app, (await makeUser(database, 'supervisor')).email);
    const target = await makeUser(database, 'agent');
    const response = await fetch(`${base}/%61pi/users/${target.user.id}/disable`, {
      method: 'POST',
      headers: { origin: 'https://evil.example.org', cookie: supervisor.cookie },
    });
    expect(response.status).toBe(403);
    const row = await database.db
      .selectFrom('users')
      .select('disabled_at')
      .where('id', '=', target.user.id)
      .executeTakeFirstOrThrow();
    expect(row.disabled_at).toBeNull();
  });
});
