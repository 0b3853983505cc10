/**
 * Response targets (issue 18), for supervisors:
 *
 * - GET /api/targets: every target with its versions, and what a target may narrow;
 * - POST /api/targets: a new target (mailbox, optional narrowing, terms);
 * - PUT /api/targets/:id: new terms, for tickets opened from now on;
 * - DELETE /api/targets/:id: removed for tickets opened from now on.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../domain/audit/record-audit.ts';
import { listTargets, targetOptions } from '../../../domain/targets/list-targets.ts';
import { changeTarget, createTarget } from '../../../domain/targets/manage-targets.ts';
import { AppError } from '../../../errors/app-error.ts';
import { presentTarget } from '../../../presenters/response-target.ts';
import {
  createTargetSchema,
  type ResponseTargetListDto,
  updateTargetSchema,
} from '../../../shared/targets-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';

const idOf = (request: FastifyRequest): string => {
  const parsed = z.object({ id: z.uuid() }).safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found', 'No such target.');
  return parsed.data.id;
};

const actorOf = (request: FastifyRequest): Actor => ({
  userId: sessionOf(request).user.id,
  label: null,
  ip: request.ip,
});

export function targetRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  const { db } = deps;
  const supervisor = { preHandler: requireRole('supervisor') };

  app.get('/api/targets', supervisor, async () => {
    const [targets, options] = await Promise.all([listTargets(db), targetOptions(db)]);
    return {
      targets: targets.map((t) => presentTarget(t)),
      options,
    } satisfies ResponseTargetListDto;
  });

  app.post('/api/targets', supervisor, async (request, reply) => {
    const input = parseInput(createTargetSchema, request.body);
    const id = await createTarget(db, input, actorOf(request));
    return reply.code(201).send({ id });
  });

  app.put('/api/targets/:id', supervisor, async (request, reply) => {
    const id = idOf(request);
    const { terms } = parseInput(updateTargetSchema, request.body);
    await changeTarget(db, id, terms, actorOf(request));
    return reply.code(204).send();
  });

  app.delete('/api/targets/:id', supervisor, async (request, reply) => {
    await changeTarget(db, idOf(request), null, actorOf(request));
    return reply.code(204).send();
  });
}
