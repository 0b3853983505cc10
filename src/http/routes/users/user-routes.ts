/**
 * Users management (supervisors and administrators, SPEC §1, issue 6 §5,
 * issue 8 §5): list, invite, change role or name, disable and re-enable,
 * which mailboxes an agent or viewer sees. The rules (who may touch an
 * administrator, the last administrator) are in domain/users/user-access.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import type { InstanceMail } from '../../../domain/mailboxes/mail-health.ts';
import type { TokenSigner } from '../../../domain/users/account-tokens.ts';
import {
  changeMailboxScope,
  inviteUser,
  listUsersWithAccess,
  type Manager,
  resendInvitation,
  setUserEnabled,
  updateUser,
} from '../../../domain/users/user-access.ts';
import { AppError } from '../../../errors/app-error.ts';
import { presentInvitation } from '../../../presenters/invitation.ts';
import { presentUser, presentUserListItem } from '../../../presenters/user.ts';
import {
  inviteUserSchema,
  mailboxScopeRequestSchema,
  type UserListDto,
  updateUserSchema,
} from '../../../shared/contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';

const userIdSchema = z.uuid();

/** A user id from the URL; 404 for anything that is not one. */
function userIdOf(request: FastifyRequest): string {
  const parsed = userIdSchema.safeParse((request.params as { id?: unknown }).id);
  if (!parsed.success) throw new AppError('not_found', 'No such user.');
  return parsed.data.toLowerCase();
}

const managerOf = (request: FastifyRequest): Manager => ({
  user: sessionOf(request).user,
  ip: request.ip,
});

export function userRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; signer: TokenSigner; publicUrl: URL; instance?: InstanceMail },
): void {
  const { db } = deps;
  const supervisor = { preHandler: requireRole('supervisor') };

  app.get('/api/users', supervisor, async () => {
    const users = await listUsersWithAccess(db);
    return { users: users.map(presentUserListItem) } satisfies UserListDto;
  });

  // The invitation's link is in the answer only when no mail will carry it (issue 15 §1).
  app.post('/api/users/invitations', supervisor, async (request, reply) => {
    const input = parseInput(inviteUserSchema, request.body);
    const { user, invitation } = await inviteUser(
      db,
      deps.signer,
      input,
      managerOf(request),
      deps.instance,
    );
    const sent = presentInvitation(invitation, deps.publicUrl);
    return reply.status(201).send({ ...presentUser(user), invitation: sent });
  });

  app.post('/api/users/:id/invitation', supervisor, async (request) => {
    const id = userIdOf(request);
    const invitation = await resendInvitation(
      db,
      deps.signer,
      id,
      managerOf(request),
      deps.instance,
    );
    return presentInvitation(invitation, deps.publicUrl);
  });

  app.patch('/api/users/:id', supervisor, async (request) => {
    const id = userIdOf(request);
    const changes = parseInput(updateUserSchema, request.body);
    return presentUser(await updateUser(db, id, changes, managerOf(request)));
  });

  app.post('/api/users/:id/disable', supervisor, async (request) => {
    const id = userIdOf(request);
    return presentUser(await setUserEnabled(db, id, false, managerOf(request)));
  });

  app.post('/api/users/:id/enable', supervisor, async (request) => {
    const id = userIdOf(request);
    return presentUser(await setUserEnabled(db, id, true, managerOf(request)));
  });

  app.put('/api/users/:id/mailboxes', supervisor, async (request, reply) => {
    const id = userIdOf(request);
    const { mailboxes } = parseInput(mailboxScopeRequestSchema, request.body);
    await changeMailboxScope(db, id, mailboxes, managerOf(request));
    return reply.status(204).send();
  });
}
