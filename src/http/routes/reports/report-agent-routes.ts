/**
 * GET /api/reports/agents (issue 18 §6): per agent over a report's period and
 * filters — replies, first responses, their median time and the satisfaction of
 * the agent's replies. The reports page shows it; exports and published reports
 * never carry it. Agents and above (viewers read the desk's figures, not people's).
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { reportMailboxesFor } from '../../../policies/report-visibility.ts';
import { presentAgentActivity } from '../../../reports/dashboard/dashboard-presenter.ts';
import { agentActivity } from '../../../reports/metrics/agent-activity.ts';
import { withReportMemory } from '../../../reports/metrics/report-scope.ts';
import { resolveReportScope } from '../../../reports/model/build-report-model.ts';
import { reportQuerySchema } from '../../../shared/contracts.ts';
import type { ReportAgentsDto } from '../../../shared/dashboard-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseQuery, periodAndFilters } from './report-query.ts';

export function reportAgentRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  const { db } = deps;
  app.get('/api/reports/agents', { preHandler: requireRole('agent') }, async (request) => {
    const query = parseQuery(reportQuerySchema, request.query);
    const { period, filters } = periodAndFilters(query);
    const mailboxes = await reportMailboxesFor(db, sessionOf(request).user, filters.mailboxes);
    const scope = await resolveReportScope(db, { ...filters, mailboxes });
    const agents = await withReportMemory(db, (trx) =>
      agentActivity(trx, scope, period, query.clock),
    );
    const dto: ReportAgentsDto = {
      period: { from: period.from, to: period.to, label: period.label },
      agents: agents.map(presentAgentActivity),
    };
    return dto;
  });
}
