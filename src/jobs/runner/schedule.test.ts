import { describe, expect, it } from 'vitest';
import { exponentialBackoff, occurrenceId, occurrenceOf } from './schedule.ts';

const at = (iso: string) => new Date(iso);

describe('schedule occurrences', () => {
  it('cuts time into slots for `every`', () => {
    expect(occurrenceOf({ every: 3_600_000 }, at('2026-12-06T02:59:59.999Z'))).toEqual(
      at('2026-12-06T02:00:00.000Z'),
    );
    expect(occurrenceOf({ every: 3_600_000 }, at('2026-12-06T03:00:00.000Z'))).toEqual(
      at('2026-12-06T03:00:00.000Z'),
    );
  });

  it('takes the latest minute `hourlyAt` that has begun', () => {
    expect(occurrenceOf({ hourlyAt: 15 }, at('2026-12-06T02:14:00Z'))).toEqual(
      at('2026-12-06T01:15:00Z'),
    );
    expect(occurrenceOf({ hourlyAt: 15 }, at('2026-12-06T02:15:00Z'))).toEqual(
      at('2026-12-06T02:15:00Z'),
    );
  });

  it('takes the latest day and hour `monthlyAt` that has begun, across a year', () => {
    const schedule = { monthlyAt: { day: 1, hour: 6 } };
    expect(occurrenceOf(schedule, at('2026-12-06T02:00:00Z'))).toEqual(at('2026-12-01T06:00:00Z'));
    expect(occurrenceOf(schedule, at('2027-01-01T05:59:00Z'))).toEqual(at('2026-12-01T06:00:00Z'));
    expect(occurrenceOf(schedule, at('2027-01-01T06:00:00Z'))).toEqual(at('2027-01-01T06:00:00Z'));
  });

  it('names an occurrence the same way on every instance', () => {
    expect(occurrenceId('housekeeping', at('2026-12-06T02:00:00Z'))).toBe(
      'housekeeping@2026-12-06T02:00:00.000Z',
    );
  });

  it('doubles the backoff up to its ceiling', () => {
    const backoff = exponentialBackoff(30_000, 100_000);
    expect([1, 2, 3, 4].map(backoff)).toEqual([30_000, 60_000, 100_000, 100_000]);
  });
});
