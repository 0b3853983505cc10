import { describe, expect, it } from 'vitest';
import { moved } from './reorder.ts';

describe('moving an item of an ordered list', () => {
  it('swaps it with its neighbour above or below', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
  });

  it('stays put at either end', () => {
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('returns a new list and leaves the given one as it was', () => {
    const items = ['a', 'b'] as const;
    const next = moved(items, 0, 1);
    expect(next).toEqual(['b', 'a']);
    expect(items).toEqual(['a', 'b']);
    expect(moved(items, 0, -1)).not.toBe(items);
  });
});
