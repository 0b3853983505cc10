/**
 * The dashboard's numbers as the screen writes them (issue 18 §5): shares from
 * counts (the report's rounding, src/shared/reports/format.ts), durations
 * ("2 h 05", "35 min", "3 j"), and the charts' specs, drawn by the report's own
 * chartOption(). Pure.
 */
import type {
  ComplianceDto,
  DashboardMailboxDto,
  RatingsDto,
  ResponseCountsDto,
} from '@shared/dashboard-contracts.ts';
import { formatPercent, percentOf } from '@shared/reports/format.ts';
import type { ChartSpec } from '@shared/reports/model/activity-report-types.ts';

/** "45 %" of `part` over `total`, or null when there is nothing to share. */
export function share(part: number, total: number): string | null {
  return total > 0 ? formatPercent(percentOf(part, total, 0), 0) : null;
}

export const responseShares = (r: ResponseCountsDto) => ({
  under1h: share(r.under1h, r.responded),
  under2h: share(r.under2h, r.responded),
  under24h: share(r.under24h, r.responded),
});

export const targetShare = (c: ComplianceDto): string | null => share(c.within, c.measured);

/** Satisfied (Très bien + Correct) over every rating. */
export function satisfaction(r: RatingsDto): { share: string | null; count: number } {
  const count = r.great + r.okay + r.notGood;
  return { share: share(r.great + r.okay, count), count };
}

/** A duration, short: "45 s", "35 min", "2 h 05", "3 j 4 h". */
export function shortDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')}`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} j` : `${days} j ${hours % 24} h`;
}

/** How far a due time is from now: ahead (positive) or late. */
export function dueDistance(dueAt: string, now: number): { late: boolean; text: string } {
  const seconds = (Date.parse(dueAt) - now) / 1000;
  return { late: seconds < 0, text: shortDuration(Math.abs(seconds)) };
}

const percentValue = (part: number, total: number): number =>
  total > 0 ? percentOf(part, total, 0) : 0;

/** This week's first-response shares and target share per mailbox, against the same days a year earlier. */
export function sharesChart(
  mailboxes: DashboardMailboxDto[],
  labels: { title: string; target: string; previousSuffix: string },
): ChartSpec {
  const values = (r: ResponseCountsDto, c: ComplianceDto) => [
    percentValue(r.under1h, r.responded),
    percentValue(r.under2h, r.responded),
    percentValue(r.under24h, r.responded),
    percentValue(c.within, c.measured),
  ];
  return {
    id: 'dashboard-shares',
    kind: 'bar',
    title: labels.title,
    categories: ['< 1 h', '< 2 h', '< 24 h', labels.target],
    series: mailboxes.flatMap((m) => [
      { name: m.name, values: values(m.week.firstResponse, m.week.target) },
      {
        name: `${m.name} ${labels.previousSuffix}`,
        values: values(m.week.previousFirstResponse, m.week.previousTarget),
      },
    ]),
  };
}

/** Open tickets per mailbox by folder. */
export function openChart(
  mailboxes: DashboardMailboxDto[],
  labels: { title: string; unassigned: string; assigned: string; pending: string },
): ChartSpec {
  return {
    id: 'dashboard-open',
    kind: 'bar',
    title: labels.title,
    categories: mailboxes.map((m) => m.name),
    series: [
      { name: labels.unassigned, values: mailboxes.map((m) => m.open.unassigned) },
      { name: labels.assigned, values: mailboxes.map((m) => m.open.assigned) },
      { name: labels.pending, values: mailboxes.map((m) => m.open.pending) },
    ],
  };
}
