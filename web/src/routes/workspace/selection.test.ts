import { describe, expect, it } from 'vitest';
import { toggled } from './selection.ts';

describe('the selection of tickets', () => {
  it('adds a ticket, then removes it', () => {
    const one = toggled(new Set(), 7);
    expect([...one]).toEqual([7]);
    expect([...toggled(one, 8)].sort()).toEqual([7, 8]);
    expect([...toggled(one, 7)]).toEqual([]);
  });

  it('returns a new set and leaves the given one as it was (React sees the change)', () => {
    const before = new Set([1, 2]);
    const after = toggled(before, 3);
    expect(after).not.toBe(before);
    expect([...before]).toEqual([1, 2]);
  });
});
