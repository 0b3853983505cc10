/** GET /api/audit: the audit log, searched by supervisors and administrators (issue 8 §4). */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { searchAuditEvents } from '../../../domain/audit/search-audit.ts';
import { AppError } from '../../../errors/app-error.ts';
import { presentAuditEvent } from '../../../presenters/audit-event.ts';
import { type AuditPageDto, auditQuerySchema } from '../../../shared/contracts.ts';
import { requireRole } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';

const dayMs = 86_400_000;

export function auditRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  app.get('/api/audit', { preHandler: requireRole('supervisor') }, async (request, reply) => {
    const query = parseInput(auditQuerySchema, request.query);
    const from = query.from ? new Date(`${query.from}T00:00:00Z`) : undefined;
    // `to` is a day included in the range.
    const to = query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + dayMs) : undefined;
    if (from && to && from >= to)
      throw new AppError('invalid_input', 'The start date must not be after the end date.');
    const page = await searchAuditEvents(deps.db, {
      actor: query.actor,
      action: query.action,
      targetType: query.targetType,
      targetId: query.targetId,
      target: query.target,
      from,
      to,
      text: query.q,
      before: query.before,
      limit: query.limit,
    });
    void reply.header('cache-control', 'no-store');
    return {
      events: page.events.map(presentAuditEvent),
      nextBefore: page.nextBefore,
    } satisfies AuditPageDto;
  });
}
