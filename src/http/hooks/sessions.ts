/**
 * Session, role and CSRF checks for every request.
 *
 * - `request.session` is resolved from the signed session cookie (a forged or
 *   tampered cookie fails the signature and is ignored before any lookup).
 * - Mutating `/api/` requests (by route, never by raw URL) must come from our own origin (Origin header)
 *   and, when a session cookie authenticates them, carry the session's CSRF
 *   token in the `x-csrf-token` header. State never changes on GET.
 * - `requireRole(min)` guards each route: 401 without a session, 403 below the role.
 * - A request with `Authorization: Bearer` is a token's (bearer-tokens.ts): its
 *   cookie is not read, no CSRF token is asked, and the guard checks the token's scope.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  type ActiveSession,
  resolveSession,
  type SessionPolicy,
} from '../../domain/sessions/sessions.ts';
import { AppError } from '../../errors/app-error.ts';
import { hasRole } from '../../policies/roles.ts';
import { csrfHeader, type RoleName } from '../../shared/contracts.ts';
import { assertTokenScope, hasBearer } from './bearer-tokens.ts';
import { isApiRequest } from './route-path.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: ActiveSession | null;
  }
  interface FastifyContextConfig {
    /**
     * `origin-only`: the route accepts a mutation without the session's CSRF
     * token, checking the Origin alone (login, which replaces the session).
     */
    csrf?: 'origin-only';
  }
}

export type SessionCookie = { name: string; secure: boolean };

/** `__Host-` cookies are bound to our exact origin; browsers require Secure for them. */
export const sessionCookieFor = (publicUrl: URL): SessionCookie =>
  publicUrl.protocol === 'https:'
    ? { name: '__Host-guichet_session', secure: true }
    : { name: 'guichet_session', secure: false };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The origins a mutating request may come from: PUBLIC_URL's, and the one the browser addressed. */
function allowedOrigins(request: FastifyRequest, publicUrl: URL): Set<string> {
  return new Set([publicUrl.origin, `${request.protocol}://${request.host}`]);
}

export function installSessionHooks(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; policy: SessionPolicy; cookie: SessionCookie; publicUrl: URL },
): void {
  app.decorateRequest('session', null);

  // Callback-style hooks: a request without a session cookie (every public
  // page) and a safe or non-API request pass without a promise.
  app.addHook('onRequest', (request, _reply, done) => {
    const raw = request.cookies[deps.cookie.name];
    if (!raw || hasBearer(request)) return done();
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return done();
    resolveSession(deps.db, unsigned.value, deps.policy).then((session) => {
      request.session = session;
      done();
    }, done);
  });

  app.addHook('preHandler', (request, _reply, done) => {
    if (safeMethods.has(request.method) || !isApiRequest(request) || request.apiToken)
      return done();
    done(csrfProblem(request, deps.publicUrl));
  });
}

/** Why a mutating API request is refused (foreign origin, missing or wrong CSRF token), if it is. */
function csrfProblem(request: FastifyRequest, publicUrl: URL): AppError | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins(request, publicUrl).has(origin)) {
    return new AppError('forbidden', 'Cross-origin request refused.');
  }
  if (request.session && request.routeOptions.config.csrf !== 'origin-only') {
    const sent = request.headers[csrfHeader];
    if (typeof sent !== 'string' || !sameToken(sent, request.session.csrfToken)) {
      return new AppError('forbidden', 'Missing or wrong CSRF token.');
    }
  }
  return undefined;
}

/** A guard made by `requireRole`, tagged with its role so tests can list every route's minimum. */
export type RoleGuard = ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) & {
  readonly minimumRole: RoleName;
};

/** Route guard: the caller must be logged in with at least `minimum`. */
export function requireRole(minimum: RoleName): RoleGuard {
  const guard = async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!request.session) throw new AppError('unauthenticated', 'Log in first.');
    if (!hasRole(request.session.user.role, minimum)) {
      throw new AppError('forbidden', 'Your role does not allow this.');
    }
    assertTokenScope(request, minimum);
  };
  return Object.assign(guard, { minimumRole: minimum });
}

/** The minimum role of a route's guard (its preHandler or onRequest hooks), if it has one. */
export function guardRoleOf(hooks: unknown): RoleName | undefined {
  const list = Array.isArray(hooks) ? hooks : [hooks];
  for (const hook of list) {
    if (typeof hook === 'function' && 'minimumRole' in hook) return hook.minimumRole as RoleName;
  }
  return undefined;
}

/** The session of a guarded route (the guard ran, so it is there). */
export function sessionOf(request: FastifyRequest): ActiveSession {
  if (!request.session) throw new AppError('unauthenticated', 'Log in first.');
  return request.session;
}
