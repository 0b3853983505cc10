/**
 * The dashboard of today (issue 18 §5): what GET /api/dashboard answers and the
 * web page draws. Every figure of a period comes from the report's metric code
 * (src/reports/metrics/), so it equals the report of the same days.
 */
import { z } from 'zod';

export const dashboardQuerySchema = z.strictObject({
  /** Mailbox slugs, comma-separated; every visible mailbox when absent. */
  mailboxes: z
    .string()
    .max(2000)
    .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'mailbox slugs separated by commas')
    .optional(),
  clock: z.enum(['calendar', 'business']).default('calendar'),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** Cumulative first-response counts (not shares) of the tickets of a period. */
export type ResponseCountsDto = {
  tickets: number;
  responded: number;
  under1h: number;
  under2h: number;
  under24h: number;
};

export type ComplianceDto = { measured: number; within: number };

export type ResolutionDto = {
  resolved: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
};

export type RatingsDto = { great: number; okay: number; notGood: number };

/** One period's figures for a mailbox, with the same days a year earlier. */
export type DashboardPeriodDto = {
  replies: number;
  previousReplies: number;
  firstResponse: ResponseCountsDto;
  previousFirstResponse: ResponseCountsDto;
  target: ComplianceDto;
  previousTarget: ComplianceDto;
  resolution: ResolutionDto;
  ratings: RatingsDto;
};

export type DueTicketDto = {
  id: number;
  number: number;
  subject: string;
  mailboxName: string;
  dueAt: string;
  dueKind: 'first_response' | 'next_response' | 'resolution';
  assigneeName: string | null;
};

export type DashboardMailboxDto = {
  id: string;
  slug: string;
  name: string;
  open: {
    unassigned: number;
    assigned: number;
    pending: number;
    overdue: number;
    dueNextHour: number;
  };
  /** The open ticket waiting for an answer the longest (status active), or null. */
  oldestWaiting: { id: number; number: number; subject: string; since: string } | null;
  today: DashboardPeriodDto;
  week: DashboardPeriodDto;
  /** This week's tickets per value of each field (as the report's breakdowns). */
  fields: {
    id: string;
    label: string;
    values: { label: string; count: number }[];
    missing: number;
  }[];
};

export type DashboardAgentDto = {
  userId: string;
  name: string;
  replies: number;
  firstResponses: number;
  medianFirstResponseSeconds: number | null;
  ratings: RatingsDto;
};

export type DashboardPeriodBounds = {
  from: string;
  to: string;
  label: string;
  previousLabel: string;
};

export type DashboardDto = {
  generatedAt: string;
  clock: 'calendar' | 'business';
  today: DashboardPeriodBounds;
  week: DashboardPeriodBounds;
  mailboxes: DashboardMailboxDto[];
  /** Tickets due within the next hour, soonest first (at most 12). */
  dueSoon: DueTicketDto[];
  /** This week, per agent. */
  agents: DashboardAgentDto[];
  /** This week's tickets per tag. */
  tags: { name: string; tickets: number }[];
};

/** GET /api/reports/agents: per agent over a report's period (the reports page; never published). */
export type ReportAgentsDto = {
  period: { from: string; to: string; label: string };
  agents: DashboardAgentDto[];
};
