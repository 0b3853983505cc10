/**
 * The administrators' security policy (GET/PUT /api/settings/security):
 * whether administrators must use a second factor.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { loadSecurityPolicy, saveSecurityPolicy } from '../../../domain/users/security-policy.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';

export function securityRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  const admin = { preHandler: requireRole('admin') };

  app.get('/api/settings/security', admin, async () => loadSecurityPolicy(deps.db));

  app.put('/api/settings/security', admin, async (request) => {
    const { user } = sessionOf(request);
    return saveSecurityPolicy(deps.db, request.body, {
      userId: user.id,
      label: null,
      ip: request.ip,
    });
  });
}
