/**
 * Report periods (SPEC §4–§5): a year, a quarter, a month or a custom range of
 * days, always in Europe/Paris time. A period is a list of whole days; its
 * bounds are the Paris midnights around them, as instants.
 *
 * The previous equivalent period is the same days one year earlier, so every
 * comparison in a report is year over year (2020 vs 2019, March 2021 vs
 * March 2020).
 */
import { z } from 'zod';
import { parisWallClockToInstant } from '../../domain/tickets/business-hours.ts';
import { AppError } from '../../errors/app-error.ts';

export type PeriodKind = 'year' | 'quarter' | 'month' | 'range';

export type Period = {
  kind: PeriodKind;
  /** First day, "YYYY-MM-DD" (Paris). */
  from: string;
  /** Last day included, "YYYY-MM-DD" (Paris). */
  to: string;
  label: string;
};

const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** Short French month names for charts: "janv.", "févr.", … */
export const MONTH_SHORT_FR = [
  'janv.',
  'févr.',
  'mars',
  'avr.',
  'mai',
  'juin',
  'juil.',
  'août',
  'sept.',
  'oct.',
  'nov.',
  'déc.',
];

const pad = (n: number): string => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;
const lastDayOfMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

const MIN_YEAR = 1990;
const MAX_YEAR = 2200;

function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new AppError('invalid_input', `The year must be between ${MIN_YEAR} and ${MAX_YEAR}.`);
  }
  return year;
}

/** A calendar year. */
export function yearPeriod(year: number): Period {
  checkYear(year);
  return { kind: 'year', from: day(year, 1, 1), to: day(year, 12, 31), label: String(year) };
}

/** A quarter, 1 to 4. */
export function quarterPeriod(year: number, quarter: number): Period {
  checkYear(year);
  if (![1, 2, 3, 4].includes(quarter))
    throw new AppError('invalid_input', 'The quarter must be 1 to 4.');
  const first = (quarter - 1) * 3 + 1;
  return {
    kind: 'quarter',
    from: day(year, first, 1),
    to: day(year, first + 2, lastDayOfMonth(year, first + 2)),
    label: `T${quarter} ${year}`,
  };
}

/** A month, 1 to 12. */
export function monthPeriod(year: number, month: number): Period {
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new AppError('invalid_input', 'The month must be 1 to 12.');
  }
  return {
    kind: 'month',
    from: day(year, month, 1),
    to: day(year, month, lastDayOfMonth(year, month)),
    label: `${MONTHS_FR[month - 1]} ${year}`,
  };
}

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => {
    const [y = 0, m = 0, d = 0] = s.split('-').map(Number);
    return (
      m >= 1 && m <= 12 && d >= 1 && d <= lastDayOfMonth(y, m) && y >= MIN_YEAR && y <= MAX_YEAR
    );
  }, 'a real calendar date');

/** A custom range of whole days, both included. */
export function rangePeriod(from: string, to: string): Period {
  const parsedFrom = dateSchema.safeParse(from);
  const parsedTo = dateSchema.safeParse(to);
  if (!parsedFrom.success || !parsedTo.success) {
    throw new AppError('invalid_input', 'Dates must be real calendar dates written YYYY-MM-DD.');
  }
  if (to < from) throw new AppError('invalid_input', 'The end date is before the start date.');
  // a period is compared with the same days a year earlier: the two must not overlap
  const [fy = 0, fm = 1, fd = 1] = from.split('-').map(Number);
  if (to >= day(fy + 1, fm, Math.min(fd, lastDayOfMonth(fy + 1, fm)))) {
    throw new AppError(
      'invalid_input',
      'A custom period covers at most one year (compare years with yearly reports).',
    );
  }
  return { kind: 'range', from, to, label: `du ${frenchDate(from)} au ${frenchDate(to)}` };
}

/**
 * Parses a period written as "2020", "2020-Q2", "2020-03" or "2020-01-01..2020-06-30".
 */
export function parsePeriod(text: string): Period {
  const value = text.trim();
  let match = /^(\d{4})$/.exec(value);
  if (match) return yearPeriod(Number(match[1]));
  match = /^(\d{4})-[QqTt]([1-4])$/.exec(value);
  if (match) return quarterPeriod(Number(match[1]), Number(match[2]));
  match = /^(\d{4})-(\d{2})$/.exec(value);
  if (match) return monthPeriod(Number(match[1]), Number(match[2]));
  match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (match) return rangePeriod(match[1] ?? '', match[2] ?? '');
  throw new AppError(
    'invalid_input',
    'A period is a year (2020), a quarter (2020-Q2), a month (2020-03) or a range (2020-01-01..2020-06-30).',
  );
}

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS_FR[(m ?? 1) - 1]} ${y}`;
}

/** The same days one year earlier (29 February becomes 28 February). */
export function previousPeriod(period: Period): Period {
  const shift = (iso: string): string => {
    const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
    return day(y - 1, m, Math.min(d, lastDayOfMonth(y - 1, m)));
  };
  const from = shift(period.from);
  const to = period.kind === 'range' ? shift(period.to) : shiftEnd(period.to);
  const [y = 0] = from.split('-').map(Number);
  const label =
    period.kind === 'year'
      ? String(y)
      : period.kind === 'range'
        ? rangePeriod(from, to).label
        : period.label.replace(/\d{4}$/, String(y));
  return { kind: period.kind, from, to, label };
}

/** For whole months the end stays the month's last day (28 or 29 February). */
function shiftEnd(iso: string): string {
  const [y = 0, m = 1] = iso.split('-').map(Number);
  return day(y - 1, m, lastDayOfMonth(y - 1, m));
}

/** Paris midnight at the start of a "YYYY-MM-DD" day, as an instant. */
export function startOfDay(iso: string): Date {
  const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
  return parisWallClockToInstant(y, m, d, 0, 0);
}

/** Paris midnight after the last day of the period: the exclusive upper bound. */
export function endOfPeriod(period: Period): Date {
  const [y = 0, m = 1, d = 1] = period.to.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return parisWallClockToInstant(
    next.getUTCFullYear(),
    next.getUTCMonth() + 1,
    next.getUTCDate(),
    0,
    0,
  );
}

/** The months a period touches, as "YYYY-MM", in order. */
export function monthsOf(period: Period): string[] {
  const [fy = 0, fm = 1] = period.from.split('-').map(Number);
  const [ty = 0, tm = 1] = period.to.split('-').map(Number);
  const months: string[] = [];
  for (let index = fy * 12 + fm - 1; index <= ty * 12 + tm - 1; index++) {
    months.push(`${Math.floor(index / 12)}-${pad((index % 12) + 1)}`);
  }
  return months;
}

/**
 * Bucket bounds for `width_bucket`: the start of each month of the period
 * (clipped to the period's first day), then the period's end.
 * Bucket i (1-based) is months[i - 1].
 */
export function monthBounds(period: Period): Date[] {
  const bounds = monthsOf(period).map((ym, i) =>
    i === 0 ? startOfDay(period.from) : startOfDay(`${ym}-01`),
  );
  bounds.push(endOfPeriod(period));
  return bounds;
}
