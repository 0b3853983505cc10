/**
 * A partner (a viewer attached to an organisation: policies/partner-scope.ts)
 * reaches only their own view (issue 21 §5): every other /api/ route answers 403,
 * whatever a viewer could otherwise read (mailboxes, reports). Logging in and
 * out, the account's own links and profile stay open.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { partnerOrganisationOf } from '../../policies/partner-scope.ts';
import { routePathOf } from './route-path.ts';

const partnerRoutes = ['/api/auth/', '/api/account/', '/api/me/', '/api/partner/'];

export function installPartnerScopeGuard(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  app.addHook('preHandler', async (request) => {
    const user = request.session?.user;
    if (user?.role !== 'viewer') return;
    const route = routePathOf(request);
    if (!route.startsWith('/api/') || partnerRoutes.some((prefix) => route.startsWith(prefix)))
      return;
    if (await partnerOrganisationOf(deps.db, user))
      throw new AppError('forbidden', 'A partner account sees its organisation’s tickets only.');
  });
}
