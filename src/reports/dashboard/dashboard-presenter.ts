/** Dashboard → its JSON (DashboardDto, src/shared/dashboard-contracts.ts). */
import type {
  DashboardAgentDto,
  DashboardDto,
  DashboardPeriodBounds,
  DashboardPeriodDto,
  ResponseCountsDto,
} from '../../shared/dashboard-contracts.ts';
import type { AgentActivity } from '../metrics/agent-activity.ts';
import type { PeriodTicketFacts } from '../metrics/ticket-aggregates.ts';
import { type Period, previousPeriod } from '../model/period.ts';
import type { Dashboard, DashboardPeriodFigures } from './build-dashboard.ts';

const bounds = (period: Period): DashboardPeriodBounds => ({
  from: period.from,
  to: period.to,
  label: period.label,
  previousLabel: previousPeriod(period).label,
});

function responses(
  facts: PeriodTicketFacts | undefined,
  clock: Dashboard['clock'],
): ResponseCountsDto {
  const buckets = facts?.firstResponse[clock] ?? {
    responded: 0,
    under1h: 0,
    under2h: 0,
    under24h: 0,
  };
  return { tickets: facts?.tickets ?? 0, ...buckets };
}

function periodDto(f: DashboardPeriodFigures, clock: Dashboard['clock']): DashboardPeriodDto {
  return {
    replies: f.replies,
    previousReplies: f.previousReplies,
    firstResponse: responses(f.tickets, clock),
    previousFirstResponse: responses(f.previousTickets, clock),
    target: f.target,
    previousTarget: f.previousTarget,
    resolution: f.resolution,
    ratings: f.ratings,
  };
}

/** One agent's figures (the dashboard's week, the reports page's period). */
export const presentAgentActivity = (a: AgentActivity): DashboardAgentDto => ({
  userId: a.userId,
  name: a.name,
  replies: a.replies,
  firstResponses: a.firstResponses,
  medianFirstResponseSeconds: a.medianFirstResponseSeconds,
  ratings: a.ratings,
});

export function presentDashboard(dashboard: Dashboard): DashboardDto {
  const names = new Map(dashboard.mailboxes.map((m) => [m.id, m.name]));
  return {
    generatedAt: dashboard.now.toISOString(),
    clock: dashboard.clock,
    today: bounds(dashboard.today),
    week: bounds(dashboard.week),
    mailboxes: dashboard.mailboxes.map((m) => {
      const waiting = dashboard.desk.oldestWaiting.get(m.id);
      return {
        id: m.id,
        slug: m.slug,
        name: m.name,
        open: dashboard.desk.open.get(m.id) ?? {
          unassigned: 0,
          assigned: 0,
          pending: 0,
          overdue: 0,
          dueNextHour: 0,
        },
        oldestWaiting: waiting
          ? {
              id: waiting.id,
              number: waiting.number,
              subject: waiting.subject,
              since: waiting.since.toISOString(),
            }
          : null,
        today: periodDto(m.today, dashboard.clock),
        week: periodDto(m.week, dashboard.clock),
        fields: m.fields,
      };
    }),
    dueSoon: dashboard.desk.dueSoon.map((t) => ({
      id: t.id,
      number: t.number,
      subject: t.subject,
      mailboxName: names.get(t.mailboxId) ?? '',
      dueAt: t.dueAt.toISOString(),
      dueKind: t.dueKind,
      assigneeName: t.assigneeName,
    })),
    agents: dashboard.agents.map(presentAgentActivity),
    tags: dashboard.tags.map((t) => ({ name: t.name, tickets: t.tickets })),
  };
}
