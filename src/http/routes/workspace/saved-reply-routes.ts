/**
 * Saved replies (issue 6 §4): agents list those of the mailboxes they see;
 * supervisors create, change and delete them.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import {
  createSavedReply,
  deleteSavedReply,
  listSavedReplies,
  updateSavedReply,
} from '../../../domain/saved-replies/saved-replies.ts';
import { AppError } from '../../../errors/app-error.ts';
import { mailboxScopeOf, scopeAllows } from '../../../policies/mailbox-access.ts';
import { presentSavedReply } from '../../../presenters/saved-reply.ts';
import { savedReplyInputSchema } from '../../../shared/workspace-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';
import { actorOf } from './workspace-routes.ts';

const idOf = (params: unknown): string => {
  const parsed = z.object({ id: z.uuid() }).safeParse(params);
  if (!parsed.success) throw new AppError('not_found', 'No such saved reply.');
  return parsed.data.id;
};

export function savedReplyRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  const { db } = deps;
  app.get('/api/saved-replies', { preHandler: requireRole('agent') }, async (request) => {
    const query = parseInput(z.object({ mailbox: z.uuid().optional() }).strict(), request.query);
    const scope = await mailboxScopeOf(db, sessionOf(request).user);
    if (query.mailbox && !scopeAllows(scope, query.mailbox))
      throw new AppError('not_found', 'No such mailbox.');
    const rows = await listSavedReplies(db, scope, query.mailbox);
    return { savedReplies: rows.map(presentSavedReply) };
  });
  const supervisor = { preHandler: requireRole('supervisor') };
  app.post('/api/saved-replies', supervisor, async (request, reply) => {
    const input = parseInput(savedReplyInputSchema, request.body);
    const row = await createSavedReply(db, input, actorOf(request));
    return reply.status(201).send(presentSavedReply(row));
  });
  app.put('/api/saved-replies/:id', supervisor, async (request) => {
    const id = idOf(request.params);
    const input = parseInput(savedReplyInputSchema, request.body);
    return presentSavedReply(await updateSavedReply(db, id, input, actorOf(request)));
  });
  app.delete('/api/saved-replies/:id', supervisor, async (request, reply) => {
    await deleteSavedReply(db, idOf(request.params), actorOf(request));
    return reply.status(204).send();
  });
}
