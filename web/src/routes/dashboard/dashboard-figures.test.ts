import { describe, expect, it } from 'vitest';
import { dueDistance, satisfaction, share, shortDuration } from './dashboard-figures.ts';

describe('dashboard figures', () => {
  it('writes shares from counts with the report’s rounding, none without a total', () => {
    expect(share(1, 3)).toBe('33\u00a0%');
    expect(share(1, 2)).toBe('50\u00a0%');
    expect(share(0, 0)).toBeNull();
    expect(satisfaction({ great: 8, okay: 1, notGood: 1 })).toEqual({
      share: '90\u00a0%',
      count: 10,
    });
  });

  it('writes durations short, and due times ahead or late', () => {
    expect(shortDuration(42)).toBe('42 s');
    expect(shortDuration(35 * 60)).toBe('35 min');
    expect(shortDuration(2 * 3600 + 5 * 60)).toBe('2 h 05');
    expect(shortDuration(3 * 86400)).toBe('3 j');
    expect(shortDuration(3 * 86400 + 4 * 3600)).toBe('3 j 4 h');
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(dueDistance('2026-03-02T10:23:00Z', now)).toEqual({ late: false, text: '23 min' });
    expect(dueDistance('2026-03-02T08:00:00Z', now)).toEqual({ late: true, text: '2 h 00' });
  });
});
