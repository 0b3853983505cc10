/**
 * Single sign-on (issue 21 §4).
 *
 * Browser addresses (not /api/: the browser navigates to them):
 * - GET /auth/sso/:slug/start → 302 to the provider, the state in a signed cookie;
 * - GET /auth/sso/:slug/callback → the session cookie and 302 to `/`; a refusal
 *   (forged state, replayed code, wrong audience, unverified address…) → 302 to
 *   `/?sso=<code>`, where the login page says why in French. Never a 500.
 *
 * API: GET /api/auth/sso/options (public: the login page's buttons) and the
 * administrators' CRUD under /api/admin/sso/providers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { SessionPolicy } from '../../../domain/sessions/sessions.ts';
import { completeSignOn, redirectUriOf, startSignOn } from '../../../domain/sso/sign-on.ts';
import {
  deleteSsoProvider,
  listSsoProviders,
  saveSsoProvider,
  ssoLoginOptions,
} from '../../../domain/sso/sso-providers.ts';
import { SsoRefused } from '../../../domain/sso/sso-refused.ts';
import { AppError } from '../../../errors/app-error.ts';
import { presentSsoProvider } from '../../../presenters/sso-provider.ts';
import { ssoProviderInputSchema } from '../../../shared/sso-contracts.ts';
import { requireRole, type SessionCookie, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';

export type SsoDeps = {
  db: Kysely<DB>;
  policy: SessionPolicy;
  cookie: SessionCookie;
  publicUrl: URL;
  /** MAIL_CREDENTIALS_KEY: the client secrets are encrypted with it. */
  credentialsKey: Buffer | undefined;
};

const stateCookie = 'guichet_sso_state';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function providerId(value: unknown): string {
  if (typeof value !== 'string' || !uuidPattern.test(value))
    throw new AppError('not_found', 'No such identity provider.');
  return value;
}

export function ssoRoutes(app: FastifyInstance, deps: SsoDeps): void {
  const stateCookieOptions = {
    path: '/auth/sso/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.cookie.secure,
    signed: true,
    maxAge: 600,
  };
  const sessionCookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.cookie.secure,
    signed: true,
  };
  const actorOf = (request: FastifyRequest) => ({
    userId: sessionOf(request).user.id,
    label: null,
    ip: request.ip,
  });

  /** Back to the login page with the refusal's code; anything unexpected is logged, still no 500. */
  function refused(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    const code = error instanceof SsoRefused ? error.code : 'unavailable';
    if (!(error instanceof SsoRefused)) request.log.error({ err: error }, 'single sign-on failed');
    else request.log.info({ code, reason: error.reason }, 'single sign-on refused');
    void reply.header('cache-control', 'no-store');
    return reply.redirect(`/?sso=${code}`, 302);
  }

  const flood = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  app.get<{ Params: { slug: string } }>(
    '/auth/sso/:slug/start',
    { config: flood },
    async (request, reply) => {
      try {
        const { url, state } = await startSignOn(
          deps.db,
          {
            slug: request.params.slug,
            publicUrl: deps.publicUrl,
            key: deps.credentialsKey,
          },
          { ip: request.ip },
        );
        void reply.setCookie(stateCookie, state, stateCookieOptions);
        void reply.header('cache-control', 'no-store');
        return reply.redirect(url, 302);
      } catch (error) {
        return refused(request, reply, error);
      }
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/auth/sso/:slug/callback',
    { config: flood },
    async (request, reply) => {
      const raw = request.cookies[stateCookie];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      void reply.clearCookie(stateCookie, stateCookieOptions);
      try {
        const result = await completeSignOn(deps.db, {
          slug: request.params.slug,
          callbackUrl: new URL(request.url, deps.publicUrl),
          cookieState: unsigned?.valid ? unsigned.value : null,
          publicUrl: deps.publicUrl,
          key: deps.credentialsKey,
          policy: deps.policy,
          meta: { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        });
        void reply.setCookie(deps.cookie.name, result.token, sessionCookieOptions);
        void reply.header('cache-control', 'no-store');
        return reply.redirect('/', 302);
      } catch (error) {
        return refused(request, reply, error);
      }
    },
  );

  app.get('/api/auth/sso/options', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    return ssoLoginOptions(deps.db);
  });

  const present = (provider: Awaited<ReturnType<typeof listSsoProviders>>[number]) =>
    presentSsoProvider(provider, redirectUriOf(deps.publicUrl, provider.slug));

  app.get('/api/admin/sso/providers', { preHandler: requireRole('admin') }, async () => ({
    providers: (await listSsoProviders(deps.db)).map(present),
  }));

  app.post(
    '/api/admin/sso/providers',
    { preHandler: requireRole('admin') },
    async (request, reply) => {
      const input = parseInput(ssoProviderInputSchema, request.body);
      const saved = await saveSsoProvider(deps.db, {
        input,
        key: deps.credentialsKey,
        actor: actorOf(request),
      });
      return reply.status(201).send(present(saved));
    },
  );

  app.put<{ Params: { id: string } }>(
    '/api/admin/sso/providers/:id',
    { preHandler: requireRole('admin') },
    async (request) => {
      const id = providerId(request.params.id);
      const input = parseInput(ssoProviderInputSchema, request.body);
      return present(
        await saveSsoProvider(deps.db, {
          id,
          input,
          key: deps.credentialsKey,
          actor: actorOf(request),
        }),
      );
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/admin/sso/providers/:id',
    { preHandler: requireRole('admin') },
    async (request, reply) => {
      await deleteSsoProvider(deps.db, providerId(request.params.id), actorOf(request));
      return reply.status(204).send();
    },
  );
}
