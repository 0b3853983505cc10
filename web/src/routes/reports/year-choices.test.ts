import { describe, expect, it } from 'vitest';
import { yearChoices } from './year-choices.ts';

describe('the years of the period picker', () => {
  it('offers this year back to twenty years ago, newest first', () => {
    const years = yearChoices(2026, 2026);
    expect(years).toHaveLength(21);
    expect(years[0]).toBe(2026);
    expect(years.at(-1)).toBe(2006);
  });

  it('adds an older chosen year at the end, once', () => {
    expect(yearChoices(1999, 2026).at(-1)).toBe(1999);
    expect(yearChoices(1999, 2026)).toHaveLength(22);
    expect(yearChoices(2010, 2026)).toHaveLength(21);
  });
});
