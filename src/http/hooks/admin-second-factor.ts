/**
 * When the security policy requires it, an administrator without a confirmed
 * second factor gets 403 `second_factor_required` on every API route except
 * the ones that log in and out and set the factor up; the web app sends them
 * to the set-up page on that code (issue 16 §4).
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { secondFactorMissing } from '../../domain/users/security-policy.ts';
import { AppError } from '../../errors/app-error.ts';
import { routePathOf } from './route-path.ts';

/** What an administrator without the factor may still reach (by route, never by raw URL). */
const setUpRoutes = ['/api/auth/', '/api/account/'];

export function installAdminSecondFactorGuard(
  app: FastifyInstance,
  deps: { db: Kysely<DB> },
): void {
  app.addHook('preHandler', async (request) => {
    if (request.session?.user.role !== 'admin') return;
    const route = routePathOf(request);
    if (!route.startsWith('/api/') || setUpRoutes.some((prefix) => route.startsWith(prefix)))
      return;
    if (await secondFactorMissing(deps.db, request.session.user.id))
      throw new AppError(
        'second_factor_required',
        'Set up the second factor (authenticator app) before anything else: the security policy requires it for administrators.',
      );
  });
}
