import { describe, expect, it } from 'vitest';
import { businessHoursSchema, businessSeconds, parisWallClockToInstant } from './business-hours.ts';

const paris = (iso: string): Date => {
  const [date, time] = iso.split(' ');
  const [y, m, d] = (date ?? '').split('-').map(Number);
  const [h, mi] = (time ?? '00:00').split(':').map(Number);
  return parisWallClockToInstant(y ?? 0, m ?? 0, d ?? 0, h ?? 0, mi ?? 0);
};

describe('business hours', () => {
  it('converts Paris wall-clock time in winter and summer', () => {
    expect(paris('2020-01-01 00:30').toISOString()).toBe('2019-12-31T23:30:00.000Z');
    expect(paris('2020-07-01 09:00').toISOString()).toBe('2020-07-01T07:00:00.000Z');
  });

  it('counts only office hours within one day', () => {
    expect(businessSeconds(paris('2020-03-03 08:00'), paris('2020-03-03 10:00'))).toBe(3600);
    expect(businessSeconds(paris('2020-03-03 17:00'), paris('2020-03-03 20:00'))).toBe(1800);
  });

  it('skips nights, weekends and French public holidays', () => {
    // Friday 17:00 → Monday 10:00: 30 min + 1 h
    expect(businessSeconds(paris('2020-03-06 17:00'), paris('2020-03-09 10:00'))).toBe(5400);
    // Thursday 30 April 17:00 → Monday 4 May 9:30: 1 May is a holiday
    expect(businessSeconds(paris('2020-04-30 17:00'), paris('2020-05-04 09:30'))).toBe(3600);
    // across the DST change (29 March 2020)
    expect(businessSeconds(paris('2020-03-27 17:00'), paris('2020-03-30 09:30'))).toBe(3600);
  });

  it('is zero when the end is not after the start', () => {
    const at = paris('2020-03-03 10:00');
    expect(businessSeconds(at, at)).toBe(0);
    expect(businessSeconds(at, paris('2020-03-03 09:00'))).toBe(0);
  });

  it('validates the setting', () => {
    expect(businessHoursSchema.safeParse({ days: { '1': [['10:00', '09:00']] } }).success).toBe(
      false,
    );
    expect(businessHoursSchema.safeParse({ days: { '8': [['09:00', '10:00']] } }).success).toBe(
      false,
    );
    expect(businessHoursSchema.safeParse({ days: { '1': [['9h', '10:00']] } }).success).toBe(false);
    expect(
      businessHoursSchema.parse({ days: { '6': [['09:00', '12:00']] } }).excludePublicHolidays,
    ).toBe(true);
  });
});
