/**
 * Business time (SPEC §4): office hours per weekday in Europe/Paris, French
 * public holidays excluded. Used for the optional "business hours" variant of
 * first-response times; calendar time stays the default.
 *
 * Holidays come from `date-holidays` (country FR, type "public": 1 January,
 * Easter Monday, 1 and 8 May, Ascension, Whit Monday, 14 July, 15 August,
 * 1 and 11 November, 25 December).
 */
import Holidays from 'date-holidays';
import { z } from 'zod';

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');

/** One weekday's office intervals, e.g. [["09:00", "12:30"], ["13:30", "17:30"]]. */
const daySchema = z
  .array(z.tuple([timeSchema, timeSchema]))
  .max(6)
  .refine(
    (ranges) => ranges.every(([from, to]) => from < to),
    'each interval ends after it starts',
  );

/** The `business_hours` setting. Days are ISO weekdays: "1" Monday … "7" Sunday. */
export const businessHoursSchema = z.object({
  timeZone: z.literal('Europe/Paris').default('Europe/Paris'),
  days: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), daySchema),
  excludePublicHolidays: z.boolean().default(true),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

const weekday: [string, string][] = [['09:00', '17:30']];

/** Default office hours: Monday to Friday, 9:00 to 17:30, Paris time. */
export const defaultBusinessHours: BusinessHours = {
  timeZone: 'Europe/Paris',
  days: { '1': weekday, '2': weekday, '3': weekday, '4': weekday, '5': weekday },
  excludePublicHolidays: true,
};

const holidayCache = new Map<number, Set<string>>();
const holidays = new Holidays('FR');

/** The French public holidays of a year, as "YYYY-MM-DD" strings. */
function publicHolidays(year: number): Set<string> {
  let days = holidayCache.get(year);
  if (!days) {
    days = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    holidayCache.set(year, days);
  }
  return days;
}

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Paris wall-clock fields of an instant. */
function parisFields(at: Date): {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
} {
  const parts = Object.fromEntries(parisParts.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    y: Number(parts.year),
    m: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour),
    mi: Number(parts.minute),
    s: Number(parts.second),
  };
}

/**
 * The instant at which Paris wall-clock time reads y-m-d h:mi (h may be 24).
 * The offset is found by comparing the wall clock of a first guess; DST
 * transitions happen at 2:00/3:00, outside any sensible office hours.
 */
export function parisWallClockToInstant(
  y: number,
  m: number,
  d: number,
  h: number,
  mi: number,
): Date {
  const asUtc = Date.UTC(y, m - 1, d, h, mi);
  // The offset of a wall-clock hour never changes: cache it (Intl is slow, and imports call
  // this for every office interval of every day between a ticket and its first response).
  const key = ((y * 100 + m) * 100 + d) * 100 + h;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const f = parisFields(new Date(Date.UTC(y, m - 1, d, h)));
    offset = Date.UTC(f.y, f.m - 1, f.d, f.h, f.mi, f.s) - Date.UTC(y, m - 1, d, h);
    if (offsetCache.size > 200_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return new Date(asUtc - offset);
}

const offsetCache = new Map<number, number>();

const minutesOf = (hhmm: string): number =>
  Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Seconds of business time between two instants (0 when `to` is not after
 * `from`). Walks the Paris calendar days between them and intersects each
 * working day's office intervals with [from, to).
 *
 * @example businessSeconds(fri17h, mon10h) // 30 min on Friday + 1 h on Monday = 5400
 */
export function businessSeconds(
  from: Date,
  to: Date,
  hours: BusinessHours = defaultBusinessHours,
): number {
  if (to.getTime() <= from.getTime()) return 0;
  const start = parisFields(from);
  let total = 0;
  // Walk calendar days by their UTC noon, which always lands on the right Paris day.
  for (let day = Date.UTC(start.y, start.m - 1, start.d, 12); ; day += 86_400_000) {
    const noon = new Date(day);
    const y = noon.getUTCFullYear();
    const m = noon.getUTCMonth() + 1;
    const d = noon.getUTCDate();
    if (parisWallClockToInstant(y, m, d, 0, 0).getTime() >= to.getTime()) break;
    const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (hours.excludePublicHolidays && publicHolidays(y).has(iso)) continue;
    const isoWeekday = String(((noon.getUTCDay() + 6) % 7) + 1) as keyof BusinessHours['days'];
    for (const [open, close] of hours.days[isoWeekday] ?? []) {
      const o = minutesOf(open);
      const c = minutesOf(close);
      const a = parisWallClockToInstant(y, m, d, Math.floor(o / 60), o % 60).getTime();
      const b = parisWallClockToInstant(y, m, d, Math.floor(c / 60), c % 60).getTime();
      const lo = Math.max(a, from.getTime());
      const hi = Math.min(b, to.getTime());
      if (hi > lo) total += hi - lo;
    }
  }
  return Math.floor(total / 1000);
}

/** Whether a Paris calendar day has office hours: a configured weekday that is not a public holiday. */
export function isWorkingDay(
  y: number,
  m: number,
  d: number,
  hours: BusinessHours = defaultBusinessHours,
): boolean {
  const noon = new Date(Date.UTC(y, m - 1, d, 12));
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (hours.excludePublicHolidays && publicHolidays(y).has(iso)) return false;
  const isoWeekday = String(((noon.getUTCDay() + 6) % 7) + 1) as keyof BusinessHours['days'];
  return (hours.days[isoWeekday]?.length ?? 0) > 0;
}

/** Paris calendar date and hour of an instant. */
export function parisDate(at: Date): { y: number; m: number; d: number; h: number } {
  const f = parisFields(at);
  return { y: f.y, m: f.m, d: f.d, h: f.h };
}
