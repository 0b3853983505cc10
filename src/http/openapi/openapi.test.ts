/**
 * The OpenAPI document (issue 21 §2) against the real app: every registered
 * `/api/` route is in it with its method, a summary, its authentication (the
 * session cookie, a bearer token with the route's scope, or none) and its
 * errors; route-docs.ts names no route that does not exist; every example
 * validates against the document's JSON Schema (ajv, draft 2020-12) and
 * against the zod contract it came from. The reference page is served from
 * the package under the app's own Content Security Policy.
 */

import { Ajv2020 } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/backends.ts';
import { buildTestApp } from '../../../test/http.ts';
import { inboundDeps } from '../../../test/mail.ts';
import type { Database } from '../../db/client.ts';
import { tokenScopeOf } from '../../policies/token-scopes.ts';
import { guardRoleOf } from '../hooks/sessions.ts';
import { docsPrefix } from './openapi.ts';
import { routeDocs } from './route-docs.ts';

type Operation = {
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; schema: object; example?: unknown }[];
  requestBody?: { content: Record<string, { schema: object; example?: unknown }> };
  responses: Record<string, unknown>;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

type Registered = { method: string; url: string; options: RouteOptions };

describe('OpenAPI document', () => {
  let database: Database;
  let app: FastifyInstance;
  let document: Document;
  const routes: Registered[] = [];

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await buildTestApp(database, 'http://localhost:3000', {
      mail: { inbound: await inboundDeps(database.db), credentialsKey: undefined },
      onRoute: (options) => {
        if (!options.url.startsWith('/api/') || options.url.startsWith(docsPrefix)) return;
        for (const method of [options.method].flat())
          if (method !== 'HEAD') routes.push({ method, url: options.url, options });
      },
    });
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const operationOf = (route: { method: string; url: string }) =>
    document.paths[route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method.toLowerCase()];

  it('lists every registered /api/ route with its summary, auth and errors, and nothing else', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(routes.length).toBeGreaterThan(100);
    const missing = routes.filter((r) => !operationOf(r)).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    const registered = new Set(routes.map((r) => `${r.method} ${r.url}`));
    expect(Object.keys(routeDocs).filter((key) => !registered.has(key))).toEqual([]);
    expect([...registered].filter((key) => !routeDocs[key]?.summary)).toEqual([]);
    const operations = Object.values(document.paths).flatMap((p) => Object.values(p));
    expect(operations.length).toBe(routes.length);

    const wrong: string[] = [];
    for (const route of routes) {
      const operation = operationOf(route);
      const name = `${route.method} ${route.url}`;
      const minimum = guardRoleOf(route.options.preHandler) ?? guardRoleOf(route.options.onRequest);
      const security = operation?.security ?? [];
      if (minimum === undefined) {
        if (security.length !== 0) wrong.push(`${name}: public, yet ${JSON.stringify(security)}`);
        continue;
      }
      const scope =
        route.options.config?.tokenScope ?? tokenScopeOf(route.method, route.url, minimum);
      const expected =
        scope === 'session'
          ? [{ cookieSession: [] }]
          : [{ cookieSession: [] }, { bearerToken: [scope] }];
      if (JSON.stringify(security) !== JSON.stringify(expected))
        wrong.push(`${name}: ${JSON.stringify(security)}`);
      for (const status of ['401', '403', '429'])
        if (!operation?.responses[status]) wrong.push(`${name}: no ${status}`);
    }
    expect(wrong).toEqual([]);
    const patch = operationOf({ method: 'PATCH', url: '/api/tickets/:id' });
    expect(patch?.requestBody?.content['application/json']?.schema).toMatchObject({
      type: 'object',
      properties: { status: { enum: ['active', 'pending', 'closed', 'spam'] } },
    });
  });

  it('has examples that validate against the document’s schemas and the zod contracts', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, formats: fullFormats });
    let checked = 0;
    const wrong: string[] = [];
    for (const route of routes) {
      const operation = operationOf(route);
      const name = `${route.method} ${route.url}`;
      const doc = routeDocs[name];
      const body = operation?.requestBody?.content['application/json'];
      if (body?.example !== undefined) {
        checked += 1;
        if (!ajv.validate(body.schema, body.example))
          wrong.push(`${name} body: ${ajv.errorsText(ajv.errors)}`);
        if (doc?.body && !doc.body.safeParse(body.example).success)
          wrong.push(`${name} body (zod)`);
      }
      const query: Record<string, unknown> = {};
      for (const parameter of operation?.parameters ?? []) {
        if (parameter.example === undefined) continue;
        checked += 1;
        query[parameter.name] = parameter.example;
        if (!ajv.validate(parameter.schema, parameter.example))
          wrong.push(`${name} ${parameter.name}: ${ajv.errorsText(ajv.errors)}`);
      }
      if (Object.keys(query).length > 0 && doc?.query && !doc.query.safeParse(query).success)
        wrong.push(`${name} query (zod)`);
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(8);
    // A wrong example is caught: the check bites.
    const patch = operationOf({ method: 'PATCH', url: '/api/tickets/:id' });
    expect(
      ajv.validate(patch?.requestBody?.content['application/json']?.schema ?? {}, {
        status: 'lost',
      }),
    ).toBe(false);
  });

  it('serves the reference page from the package, under the app’s CSP', async () => {
    const page = await app.inject({ method: 'GET', url: docsPrefix });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    const app_ = await app.inject({ method: 'GET', url: '/inbox' });
    expect(app_.headers['content-security-policy']).toBe(csp);
    for (const asset of page.body.matchAll(/(?:src|href)="([^"]+)"/g)) {
      const served = await app.inject({ method: 'GET', url: asset[1] ?? '' });
      expect(served.statusCode, asset[1]).toBe(200);
    }
    const json = await app.inject({ method: 'GET', url: `${docsPrefix}/json` });
    expect(json.json().openapi).toBe('3.1.0');
  });
});
