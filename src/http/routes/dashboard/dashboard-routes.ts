/**
 * The dashboard of today (issue 18 §5): GET /api/dashboard, for agents and above,
 * over the mailboxes the caller sees (a mailbox asked that they may not see: 404,
 * as for a ticket). Supervisors watching on several screens share one answer: it
 * is kept until the live stream's position moves (the inbox's shared-answer cache,
 * its own instance), or at most a few seconds for the figures that move with time
 * (due within the hour).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { createInboxCache, scopeKey } from '../../../domain/inbox/inbox-cache.ts';
import { livePosition } from '../../../domain/tickets/events/live-events.ts';
import { AppError } from '../../../errors/app-error.ts';
import { mailboxScopeOf, scopeAllows } from '../../../policies/mailbox-access.ts';
import { buildDashboard } from '../../../reports/dashboard/build-dashboard.ts';
import { presentDashboard } from '../../../reports/dashboard/dashboard-presenter.ts';
import { dashboardQuerySchema } from '../../../shared/dashboard-contracts.ts';
import { livePositionHeader, liveSeenHeader } from '../../../shared/workspace-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';

const liveSeen = (request: FastifyRequest): number | undefined => {
  const header = request.headers[liveSeenHeader];
  return typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
};

export function dashboardRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; now?: () => Date },
): void {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const cache = createInboxCache(db, { freshMs: 1000, maxAgeMs: 15_000, maxEntries: 200 });

  app.get('/api/dashboard', { preHandler: requireRole('agent') }, async (request, reply) => {
    const query = parseInput(dashboardQuerySchema, request.query);
    const scope = await mailboxScopeOf(db, sessionOf(request).user);
    const all = await db
      .selectFrom('mailboxes')
      .select(['id', 'slug'])
      .where('archived_at', 'is', null)
      .execute();
    const visible = all.filter((m) => scopeAllows(scope, m.id));
    const asked = query.mailboxes?.split(',');
    if (asked?.some((slug) => !visible.some((m) => m.slug === slug)))
      throw new AppError('not_found', 'No such mailbox.');
    const ids = visible.filter((m) => !asked || asked.includes(m.slug)).map((m) => m.id);
    const key = `dashboard|${scopeKey(scope)}|${ids.join(',')}|${query.clock}`;
    const answer = await cache.get(
      key,
      async () => {
        const position = await livePosition(db);
        const dto = presentDashboard(await buildDashboard(db, ids, now(), query.clock));
        return { position, json: JSON.stringify(dto) };
      },
      liveSeen(request),
    );
    return reply
      .type('application/json; charset=utf-8')
      .header(livePositionHeader, String(answer.position))
      .header('cache-control', 'no-store')
      .send(answer.json);
  });
}
