/**
 * The dashboard of today (issue 18 §5): GET /api/dashboard, for agents and above,
 * over the mailboxes the caller sees (a mailbox asked that they may not see: 404,
 * as for a ticket). Supervisors watching on several screens share one answer: each
 * request reads the live position (one indexed read), and an answer computed at that
 * same position is reused — a ticket event moves the position, so a screen told of
 * an event never gets an answer older than it — for at most 15 seconds (the figures
 * that move with time alone: due within the hour).
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { scopeKey } from '../../../domain/inbox/inbox-cache.ts';
import { livePosition } from '../../../domain/tickets/events/live-events.ts';
import { AppError } from '../../../errors/app-error.ts';
import { mailboxScopeOf, scopeAllows } from '../../../policies/mailbox-access.ts';
import { buildDashboard } from '../../../reports/dashboard/build-dashboard.ts';
import { presentDashboard } from '../../../reports/dashboard/dashboard-presenter.ts';
import { dashboardQuerySchema } from '../../../shared/dashboard-contracts.ts';
import { livePositionHeader } from '../../../shared/workspace-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';

const maxAgeMs = 15_000;
const maxEntries = 200;

type Entry = { position: number; at: number; json: Promise<string> };

export function dashboardRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; now?: () => Date },
): void {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const answers = new Map<string, Entry>();
  /** The answer of `key` at the live position `position`: shared while both hold. */
  const shared = (key: string, position: number, compute: () => Promise<string>) => {
    const kept = answers.get(key);
    if (kept && kept.position === position && Date.now() - kept.at <= maxAgeMs) return kept.json;
    const entry: Entry = { position, at: Date.now(), json: compute() };
    answers.delete(key);
    answers.set(key, entry);
    if (answers.size > maxEntries) {
      const oldest = answers.keys().next().value;
      if (oldest !== undefined) answers.delete(oldest);
    }
    entry.json.catch(() => {
      if (answers.get(key) === entry) answers.delete(key);
    });
    return entry.json;
  };

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
    const position = await livePosition(db);
    const json = await shared(key, position, async () =>
      JSON.stringify(presentDashboard(await buildDashboard(db, ids, now(), query.clock))),
    );
    return reply
      .type('application/json; charset=utf-8')
      .header(livePositionHeader, String(position))
      .header('cache-control', 'no-store')
      .send(json);
  });
}
