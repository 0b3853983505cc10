/**
 * `Authorization: Bearer <token>` on the JSON API (issue 21 §1). A token acts
 * as its user: `request.session` holds that user (so every guard, mailbox
 * scope and presenter works unchanged) and `request.apiToken` the token. A
 * request with a token carries no cookie, so no CSRF token is asked
 * (sessions.ts); instead `requireRole` also checks the route's scope
 * (policies/token-scopes.ts). Tokens have their own rate limit, per token and
 * per process; every use is audited after the answer (token-uses.ts).
 * An unknown, expired or revoked token is a 401 at once, whatever the route.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  createTokenResolver,
  type TokenIdentity,
  type TokenResolver,
} from '../../domain/api-tokens/resolve-token.ts';
import { recordTokenUse } from '../../domain/api-tokens/token-uses.ts';
import { AppError } from '../../errors/app-error.ts';
import { type RouteTokenScope, scopesAllow, tokenScopeOf } from '../../policies/token-scopes.ts';
import type { RoleName } from '../../shared/contracts.ts';
import { isApiRequest, routePathOf } from './route-path.ts';

declare module 'fastify' {
  interface FastifyRequest {
    apiToken: TokenIdentity | null;
  }
  interface FastifyContextConfig {
    /** The route's token scope, when its area (policies/token-scopes.ts) would not say it. */
    tokenScope?: RouteTokenScope;
  }
}

const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** Whether the request authenticates with a bearer token (then its cookie is not read). */
export const hasBearer = (request: FastifyRequest): boolean =>
  /^bearer[ \t]/i.test(request.headers.authorization ?? '');

export type BearerOptions = {
  db: Kysely<DB>;
  /** Requests per token per minute in one process (default 600). */
  perMinute?: number;
  resolver?: TokenResolver;
};

/** A fixed one-minute window per token: over `perMinute`, 429 until the next window. */
function tokenRateLimit(perMinute: number) {
  const windows = new Map<number, { start: number; count: number }>();
  return (tokenId: number, now: number) => {
    let window = windows.get(tokenId);
    if (!window || now - window.start >= 60_000) {
      if (windows.size > 10_000) windows.clear();
      window = { start: now, count: 0 };
      windows.set(tokenId, window);
    }
    window.count += 1;
    if (window.count > perMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000));
      throw new AppError('rate_limited', 'Too many requests with this token. Slow down.', {
        retryAfterSeconds,
      });
    }
  };
}

export function installBearerTokens(app: FastifyInstance, options: BearerOptions): void {
  const resolve = options.resolver ?? createTokenResolver(options.db);
  const limit = tokenRateLimit(options.perMinute ?? 600);
  app.decorateRequest('apiToken', null);

  app.addHook('onRequest', async (request) => {
    if (!hasBearer(request) || !isApiRequest(request)) return;
    const token = bearer.exec(request.headers.authorization ?? '')?.[1];
    const now = Date.now();
    const identity = token === undefined ? null : await resolve(token, now);
    if (!identity) throw new AppError('unauthenticated', 'Unknown, expired or revoked token.');
    limit(identity.tokenId, now);
    request.apiToken = identity;
    request.session = { id: `api-token:${identity.tokenId}`, csrfToken: '', user: identity.user };
  });

  app.addHook('onResponse', (request, reply, done) => {
    const token = request.apiToken;
    if (token) {
      recordTokenUse(options.db, {
        tokenId: token.tokenId,
        tokenName: token.name,
        userId: token.user.id,
        method: request.method,
        route: routePathOf(request),
        status: reply.statusCode,
        ip: request.ip,
        at: new Date(),
      }).catch((error: unknown) => request.log.error({ err: error }, 'token use not audited'));
    }
    done();
  });
}

/** The scope a route needs from a token. */
export const routeTokenScope = (request: FastifyRequest, minimum: RoleName): RouteTokenScope =>
  request.routeOptions.config.tokenScope ??
  tokenScopeOf(request.method, routePathOf(request), minimum);

/** For `requireRole`: a token must hold the route's scope (403 otherwise). */
export function assertTokenScope(request: FastifyRequest, minimum: RoleName): void {
  const token = request.apiToken;
  if (!token) return;
  const needed = routeTokenScope(request, minimum);
  if (needed === 'session')
    throw new AppError('forbidden', 'This route needs a logged-in session, not a token.');
  if (!scopesAllow(token.scopes, needed))
    throw new AppError('forbidden', `This token's scopes do not allow this (needs ${needed}).`);
}
