/**
 * The dashboard of today (issue 18 §5): the desk as it stands (desk-now.ts) and
 * today's and this week's figures, each computed by the report's own metric
 * code over the same periods a report of those days would use (a range of Paris
 * days, compared with the same days a year earlier) — so the dashboard and the
 * report cannot disagree. Queries run side by side, as the report's do.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type AgentActivity, agentActivity } from '../metrics/agent-activity.ts';
import { repliesOfPeriod } from '../metrics/replies-of-period.ts';
import { type ReportScope, withReportMemory } from '../metrics/report-scope.ts';
import { type ResolutionTimes, resolutionTimes } from '../metrics/resolution-time.ts';
import { type RatingCounts, ratingsOfPeriod } from '../metrics/satisfaction.ts';
import { type TagCount, ticketsPerTag } from '../metrics/tags-of-period.ts';
import { type Compliance, targetCompliance } from '../metrics/target-compliance.ts';
import { aggregateTickets, type PeriodTicketFacts } from '../metrics/ticket-aggregates.ts';
import { breakdownOfField } from '../metrics/tickets-of-period.ts';
import type { Clock } from '../model/build-report-model.ts';
import { loadFields } from '../model/build-report-model.ts';
import { type Period, previousPeriod } from '../model/period.ts';
import { dashboardPeriods } from './dashboard-periods.ts';
import { type DeskNow, deskNow } from './desk-now.ts';

export type DashboardPeriodFigures = {
  tickets: PeriodTicketFacts | undefined;
  previousTickets: PeriodTicketFacts | undefined;
  replies: number;
  previousReplies: number;
  target: Compliance;
  previousTarget: Compliance;
  resolution: ResolutionTimes;
  ratings: RatingCounts;
};

export type DashboardMailbox = {
  id: string;
  slug: string;
  name: string;
  today: DashboardPeriodFigures;
  week: DashboardPeriodFigures;
  fields: {
    id: string;
    label: string;
    values: { label: string; count: number }[];
    missing: number;
  }[];
};

export type Dashboard = {
  now: Date;
  clock: Clock;
  today: Period;
  week: Period;
  desk: DeskNow;
  mailboxes: DashboardMailbox[];
  agents: AgentActivity[];
  tags: TagCount[];
};

const noTickets = (): PeriodTicketFacts => ({
  tickets: 0,
  months: new Map(),
  byValue: new Map(),
  firstResponse: {
    calendar: { responded: 0, under1h: 0, under2h: 0, under24h: 0 },
    business: { responded: 0, under1h: 0, under2h: 0, under24h: 0 },
  },
});

type PeriodMaps = Awaited<ReturnType<typeof periodFigures>>;

async function periodFigures(db: Kysely<DB>, scope: ReportScope, period: Period, now: Date) {
  const previous = previousPeriod(period);
  const [tickets, replies, ratings, target, resolution] = await Promise.all([
    withReportMemory(db, (trx) => aggregateTickets(trx, scope, period, previous)),
    repliesOfPeriod(db, scope, period, previous),
    ratingsOfPeriod(db, scope, period, previous),
    targetCompliance(db, scope, period, previous, now),
    resolutionTimes(db, scope, period),
  ]);
  return { tickets, replies, ratings, target, resolution };
}

function figuresOf(maps: PeriodMaps, mailboxId: string): DashboardPeriodFigures {
  const none = { measured: 0, within: 0 };
  return {
    tickets: maps.tickets.get(mailboxId)?.current,
    previousTickets: maps.tickets.get(mailboxId)?.previous,
    replies: maps.replies.get(mailboxId)?.current ?? 0,
    previousReplies: maps.replies.get(mailboxId)?.previous ?? 0,
    target: maps.target.get(mailboxId)?.current.total ?? none,
    previousTarget: maps.target.get(mailboxId)?.previous.total ?? none,
    resolution: maps.resolution.get(mailboxId) ?? {
      resolved: 0,
      medianSeconds: null,
      p90Seconds: null,
    },
    ratings: maps.ratings.get(mailboxId)?.current ?? { great: 0, okay: 0, notGood: 0 },
  };
}

/**
 * The dashboard of these mailboxes (ids, in the desk's order) at `now`.
 * `clock` picks calendar or business time for first responses, as in the report.
 */
export async function buildDashboard(
  db: Kysely<DB>,
  mailboxIds: string[],
  now: Date,
  clock: Clock = 'calendar',
): Promise<Dashboard> {
  const { today, week } = dashboardPeriods(now);
  const mailboxes =
    mailboxIds.length === 0
      ? []
      : await db
          .selectFrom('mailboxes')
          .select(['id', 'slug', 'name'])
          .where('id', 'in', mailboxIds)
          .where('archived_at', 'is', null)
          .orderBy('position')
          .orderBy('slug')
          .execute();
  const ids = mailboxes.map((m) => m.id);
  const scope: ReportScope = { mailboxIds: ids, valueGroups: [] };
  const [desk, fields, todayMaps, weekMaps, agents, tags] = await Promise.all([
    deskNow(db, ids, now),
    loadFields(db, ids),
    periodFigures(db, scope, today, now),
    periodFigures(db, scope, week, now),
    agentActivity(db, scope, week, clock),
    ticketsPerTag(db, scope, week),
  ]);
  return {
    now,
    clock,
    today,
    week,
    desk,
    agents,
    tags,
    mailboxes: mailboxes.map((mailbox) => {
      const weekFigures = figuresOf(weekMaps, mailbox.id);
      const facts = weekFigures.tickets;
      return {
        ...mailbox,
        today: figuresOf(todayMaps, mailbox.id),
        week: weekFigures,
        fields: fields
          .filter((f) => f.mailboxId === mailbox.id)
          .map((field) => {
            const breakdown = breakdownOfField(facts ?? noTickets(), field.id, field.values);
            return {
              id: field.id,
              label: field.label,
              values: breakdown.values.map((v) => ({ label: v.label, count: v.count })),
              missing: breakdown.missing,
            };
          }),
      };
    }),
  };
}
