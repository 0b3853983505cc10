/**
 * The caller's own profile: GET and PATCH /api/me/profile (signature and
 * language). Every role has one; the session decides whose it is, so no
 * id is ever taken from the request.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { getProfile, updateProfile } from '../../../domain/profile/agent-profile.ts';
import { presentProfile } from '../../../presenters/profile.ts';
import { profileUpdateSchema } from '../../../shared/directory-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';

export function profileRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  const anyone = { preHandler: requireRole('viewer') };

  app.get('/api/me/profile', anyone, async (request) =>
    presentProfile(await getProfile(deps.db, sessionOf(request).user.id)),
  );

  app.patch('/api/me/profile', anyone, async (request) => {
    const input = parseInput(profileUpdateSchema, request.body);
    const user = sessionOf(request).user;
    const actor = { userId: user.id, label: null, ip: request.ip };
    return presentProfile(await updateProfile(deps.db, user.id, input, actor));
  });
}
