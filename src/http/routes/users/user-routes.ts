import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { listUsers } from '../../../domain/users/manage-users.ts';
import { presentUserListItem } from '../../../presenters/user.ts';
import type { UserListDto } from '../../../shared/contracts.ts';
import { requireRole } from '../../hooks/sessions.ts';

/** GET /api/users: supervisors and admins manage people (SPEC §1). */
export function userRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  app.get('/api/users', { preHandler: requireRole('supervisor') }, async () => {
    const users = await listUsers(deps.db);
    return { users: users.map(presentUserListItem) } satisfies UserListDto;
  });
}
