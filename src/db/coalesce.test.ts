/** The group-commit helper: a lone item is written at once, concurrent ones share a write. */
import { expect, it } from 'vitest';
import { coalesce } from './coalesce.ts';

it('writes the first item alone and batches those that arrive meanwhile, in order', async () => {
  const batches: number[][] = [];
  const double = coalesce(async (items: number[]) => {
    batches.push(items);
    await new Promise((resolve) => setTimeout(resolve, 10));
    return items.map((n) => n * 2);
  });
  const results = await Promise.all([1, 2, 3, 4].map((n) => double(n)));
  expect(results).toEqual([2, 4, 6, 8]);
  expect(batches).toEqual([[1], [2, 3, 4]]);
  expect(await double(5)).toBe(10);
  expect(batches).toHaveLength(3);
});

it('fails every item of a failed batch, and keeps writing later ones', async () => {
  let calls = 0;
  const write = coalesce(async (items: string[]) => {
    calls += 1;
    if (calls === 2) throw new Error('database unavailable');
    await new Promise((resolve) => setTimeout(resolve, 5));
    return items;
  });
  const first = write('a');
  const failed = [write('b'), write('c')];
  expect(await first).toBe('a');
  for (const f of failed) await expect(f).rejects.toThrow('database unavailable');
  expect(await write('d')).toBe('d');
});
