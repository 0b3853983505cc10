import { describe, expect, it } from 'vitest';
import { openingYear, yearChoices } from './year-choices.ts';

const today = new Date('2026-12-06T06:00:00Z');

describe('the years of the period picker', () => {
  it('offers only the years that have tickets, newest first', () => {
    expect(yearChoices(2020, [2017, 2020, 2018, 2019], 2026)).toEqual([2020, 2019, 2018, 2017]);
  });

  it('adds a chosen year without tickets at the end, once', () => {
    expect(yearChoices(2025, [2020, 2019], 2026)).toEqual([2020, 2019, 2025]);
    expect(yearChoices(2019, [2020, 2019], 2026)).toEqual([2020, 2019]);
  });

  it('offers this year when nothing has been received yet', () => {
    expect(yearChoices(2025, [], 2026)).toEqual([2026, 2025]);
  });
});

describe('the year the reports open on', () => {
  it('is the latest year with tickets when the history ended years ago', () => {
    expect(openingYear([2020, 2019, 2018, 2017], today)).toBe(2020);
  });

  it('is the last full year when it has tickets, even if this year has some', () => {
    expect(openingYear([2026, 2025, 2024], today)).toBe(2025);
  });

  it('is this year when only this year has tickets, the last full year when none has', () => {
    expect(openingYear([2026], today)).toBe(2026);
    expect(openingYear([], today)).toBe(2025);
  });
});
