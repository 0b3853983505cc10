/**
 * The instant a duration of business time ends (issue 18): the inverse of
 * `businessSeconds` (domain/tickets/business-hours.ts), over the same office
 * hours, Paris time, French public holidays excluded.
 */
import {
  type BusinessHours,
  isWorkingDay,
  parisDate,
  parisWallClockToInstant,
} from '../tickets/business-hours.ts';

const minutesOf = (hhmm: string): number =>
  Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Two years of days: beyond, office hours are empty (no working day) and no deadline exists. */
const maxDays = 2 * 366;

/**
 * `from` plus `seconds` of office time; null when the office hours hold no
 * working time at all. A start outside office hours counts from the next opening.
 *
 * @example addBusinessSeconds(fri17h, 3600, hours) // Monday 9:30 (30 min Friday, 30 min Monday)
 */
export function addBusinessSeconds(from: Date, seconds: number, hours: BusinessHours): Date | null {
  let left = seconds * 1000;
  const start = parisDate(from);
  for (let n = 0, day = Date.UTC(start.y, start.m - 1, start.d, 12); n < maxDays; n++) {
    const noon = new Date(day + n * 86_400_000);
    const y = noon.getUTCFullYear();
    const m = noon.getUTCMonth() + 1;
    const d = noon.getUTCDate();
    if (!isWorkingDay(y, m, d, hours)) continue;
    const isoWeekday = String(((noon.getUTCDay() + 6) % 7) + 1) as keyof BusinessHours['days'];
    for (const [open, close] of hours.days[isoWeekday] ?? []) {
      const o = minutesOf(open);
      const c = minutesOf(close);
      const a = parisWallClockToInstant(y, m, d, Math.floor(o / 60), o % 60).getTime();
      const b = parisWallClockToInstant(y, m, d, Math.floor(c / 60), c % 60).getTime();
      const lo = Math.max(a, from.getTime());
      if (b <= lo) continue;
      if (lo + left <= b) return new Date(lo + left);
      left -= b - lo;
    }
  }
  return null;
}
