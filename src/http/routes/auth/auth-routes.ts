import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { recordAudit } from '../../../domain/audit/record-audit.ts';
import { logIn } from '../../../domain/sessions/log-in.ts';
import { destroySession, type SessionPolicy } from '../../../domain/sessions/sessions.ts';
import { AppError } from '../../../errors/app-error.ts';
import { presentUser } from '../../../presenters/user.ts';
import {
  loginRequestSchema,
  type SecondFactorDto,
  type SessionDto,
} from '../../../shared/contracts.ts';
import { requireRole, type SessionCookie, sessionOf } from '../../hooks/sessions.ts';

export type AuthDeps = {
  db: Kysely<DB>;
  policy: SessionPolicy;
  cookie: SessionCookie;
  /** Decrypts the administrators' TOTP secrets (second-factor.ts). */
  totpKey?: Buffer;
};

/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/session. */
export function authRoutes(app: FastifyInstance, deps: AuthDeps): void {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.cookie.secure,
    signed: true,
  };

  app.post(
    '/api/auth/login',
    // A flood guard in front of argon2 (memory-hard, so costly); the real
    // per-account/per-IP throttle is in the database (login-throttle.ts).
    // It replaces whatever session the browser holds, so the Origin check is its CSRF defence.
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' }, csrf: 'origin-only' } },
    async (request, reply) => {
      const parsed = loginRequestSchema.safeParse(request.body);
      if (!parsed.success) throw new AppError('invalid_input', 'E-mail and password are required.');
      if (request.session) await destroySession(deps.db, request.session.id);
      const result = await logIn(
        deps.db,
        parsed.data,
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        deps.policy,
        deps.totpKey,
      );
      if (result.kind === 'second_factor')
        return { secondFactorRequired: true } satisfies SecondFactorDto;
      void reply.setCookie(deps.cookie.name, result.token, cookieOptions);
      return { user: presentUser(result.user), csrfToken: result.csrfToken } satisfies SessionDto;
    },
  );

  app.post('/api/auth/logout', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const session = sessionOf(request);
    await destroySession(deps.db, session.id);
    await recordAudit(deps.db, {
      action: 'auth.logout',
      actorUserId: session.user.id,
      ip: request.ip,
    });
    void reply.clearCookie(deps.cookie.name, cookieOptions);
    return reply.status(204).send();
  });

  app.get('/api/auth/session', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const session = sessionOf(request);
    void reply.header('cache-control', 'no-store');
    return { user: presentUser(session.user), csrfToken: session.csrfToken } satisfies SessionDto;
  });
}
