import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { HealthDto } from '../../../shared/contracts.ts';

/** GET /healthz: 200 when the database answers, 503 otherwise (for load balancers and probes). */
export function healthRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  app.get('/healthz', async (request, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok', database: 'ok' } satisfies HealthDto;
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable');
      return reply
        .status(503)
        .send({ status: 'error', database: 'unreachable' } satisfies HealthDto);
    }
  });
}
