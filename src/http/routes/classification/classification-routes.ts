import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { mergeFieldValue } from '../../../domain/classification/merge-field-value.ts';
import { AppError } from '../../../errors/app-error.ts';
import { presentFieldValueMerge } from '../../../presenters/ticket-writes.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';

const paramsSchema = z.object({ id: z.uuid() });
const bodySchema = z.object({ into: z.uuid() });

/** POST /api/field-values/:id/merge {"into": id}: supervisors merge two values of a field. */
export function classificationRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  app.post(
    '/api/field-values/:id/merge',
    { preHandler: requireRole('supervisor') },
    async (request) => {
      const params = paramsSchema.safeParse(request.params);
      const body = bodySchema.safeParse(request.body);
      if (!params.success || !body.success) {
        throw new AppError(
          'invalid_input',
          'Merge needs a value id in the address and {"into": "<value id>"}.',
        );
      }
      const session = sessionOf(request);
      await mergeFieldValue(deps.db, params.data.id, body.data.into, {
        userId: session.user.id,
        label: null,
        ip: request.ip,
      });
      return presentFieldValueMerge(params.data.id, body.data.into);
    },
  );
}
