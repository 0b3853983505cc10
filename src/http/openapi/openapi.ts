/**
 * The API's OpenAPI 3.1 document (issue 21 §2), generated, never written by
 * hand: @fastify/swagger sees every route as it is registered, and for each
 * `/api/` route this file adds what route-docs.ts names (summary, the zod
 * contracts as JSON Schema through zod's own z.toJSONSchema, examples), its
 * authentication (the session cookie, and a bearer token with the route's
 * scope from policies/token-scopes.ts, or none for the public routes), its
 * least role and its errors (the AppError codes of src/errors/app-error.ts).
 * Served at GET /api/openapi.json; the reference page at /api/docs is
 * @fastify/swagger-ui's, every file from the package (nothing from a CDN),
 * within the app's Content Security Policy.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import { errorCodes } from '../../errors/app-error.ts';
import { tokenScopeOf } from '../../policies/token-scopes.ts';
import { guardRoleOf } from '../hooks/sessions.ts';
import { type RouteDoc, routeDocs } from './route-docs.ts';

export const openApiPath = '/api/openapi.json';
export const docsPrefix = '/api/docs';

type JsonSchema = Record<string, unknown>;

/** A zod contract as JSON Schema (draft 2020-12, OpenAPI 3.1's dialect), as a client sends it. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: [...Object.keys(errorCodes), 'internal'] },
        message: { type: 'string' },
      },
    },
  },
};

const errorDescriptions: Record<number, string> = {
  400: 'Invalid input (invalid_input)',
  401: 'No session or token, or an unknown, expired or revoked token (unauthenticated)',
  403: 'Role, token scope or CSRF check refused (forbidden, second_factor_required)',
  404: 'Missing or not visible to the caller (not_found)',
  409: 'Conflict or stale ticket (conflict, stale_ticket)',
  429: 'Too many requests (rate_limited); see Retry-After',
};

const errorResponse = (status: number) => ({
  description: errorDescriptions[status] ?? 'Error',
  content: { 'application/json': { schema: errorSchema } },
});

const mutating = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/** The document's view of one route: summary, input, auth, errors. */
function operationOf(method: string, url: string, route: RouteOptions, doc: RouteDoc | undefined) {
  const minimum = guardRoleOf(route.preHandler) ?? guardRoleOf(route.onRequest);
  const scope =
    minimum === undefined
      ? undefined
      : (route.config?.tokenScope ?? tokenScopeOf(method, url, minimum));
  const security =
    minimum === undefined
      ? []
      : scope === 'session'
        ? [{ cookieSession: [] }]
        : [{ cookieSession: [] }, { bearerToken: [scope] }];
  const auth =
    minimum === undefined
      ? 'Public.'
      : `Least role: ${minimum}. ${scope === 'session' ? 'Session only (no token).' : `Token scope: ${scope}.`}`;
  const query = doc?.query ? jsonSchemaOf(doc.query) : undefined;
  if (query && doc?.examples?.query) {
    const properties = (query.properties ?? {}) as Record<string, JsonSchema>;
    for (const [name, value] of Object.entries(doc.examples.query))
      if (properties[name]) properties[name] = { ...properties[name], examples: [value] };
  }
  const body = doc?.body ? jsonSchemaOf(doc.body) : undefined;
  if (body && doc?.examples?.body !== undefined) body.examples = [doc.examples.body];
  const errors = new Set<number>([429]);
  if (minimum !== undefined) {
    errors.add(401);
    errors.add(403);
  }
  if (query || body) errors.add(400);
  if (url.includes(':')) errors.add(404);
  if (mutating(method) && minimum !== undefined) errors.add(409);
  const ok = doc?.produces
    ? {
        description: 'OK',
        content: Object.fromEntries(
          doc.produces.split(', ').map((type) => [type, { schema: { type: 'string' } }]),
        ),
      }
    : { description: 'OK', type: 'object', additionalProperties: true };
  return {
    summary: doc?.summary,
    description: auth,
    tags: [url.split('/')[2] ?? 'api'],
    security,
    ...(query ? { querystring: query } : {}),
    ...(body ? { body } : {}),
    response: {
      200: ok,
      ...Object.fromEntries([...errors].sort().map((s) => [s, errorResponse(s)])),
    },
  };
}

/** Registers the collector: before the routes, so that it sees every one. */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Guichet API',
        version: '1',
        description:
          'Authenticate with the session cookie (browser; mutations carry the x-csrf-token header) or with `Authorization: Bearer <token>` (API tokens, made under Profile or with `guichet token create`; no CSRF token). A token reaches a route when its scope allows it and its user’s role does. Errors are `{ "error": { "code", "message" } }`.',
      },
      components: {
        securitySchemes: {
          cookieSession: { type: 'apiKey', in: 'cookie', name: 'guichet_session' },
          bearerToken: { type: 'http', scheme: 'bearer', description: 'API token (gch_…)' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      if (!url.startsWith('/api/') || url.startsWith(docsPrefix))
        return { schema: { ...schema, hide: true }, url };
      const method = [route.method].flat().find((m) => m !== 'HEAD') ?? 'GET';
      const operation = operationOf(method, url, route, routeDocs[`${method} ${url}`]);
      return { schema: operation as unknown as typeof schema, url };
    },
  });
}

/** GET /api/openapi.json and the reference page at /api/docs. */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  // Public, like the source code it describes: an integrator reads it before having a token.
  app.get(openApiPath, async () => app.swagger());
  await app.register(fastifySwaggerUi, {
    routePrefix: docsPrefix,
    // Swagger UI's own files only: no validator badge fetched from elsewhere.
    uiConfig: { validatorUrl: null, deepLinking: true },
    staticCSP: false,
  });
}
