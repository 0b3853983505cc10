/** Today and this week (Monday to today), Paris time, as report periods (issue 18 §5). */
import { parisDate } from '../../domain/tickets/business-hours.ts';
import { type Period, rangePeriod } from '../model/period.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

/** The Paris day of `now` and the Monday of its week, as report ranges. */
export function dashboardPeriods(now: Date): { today: Period; week: Period } {
  const { y, m, d } = parisDate(now);
  const day = new Date(Date.UTC(y, m - 1, d));
  const iso = (date: Date) =>
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const todayIso = iso(day);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  const monday = new Date(day.getTime() - sinceMonday * 86_400_000);
  return { today: rangePeriod(todayIso, todayIso), week: rangePeriod(iso(monday), todayIso) };
}
