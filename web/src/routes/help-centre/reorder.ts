/** The help-centre editor's ordered lists (categories, public natures): one move. Pure. */

/** `items` with the one at `index` moved by `delta` (−1 up, +1 down); past either end, unchanged. */
export function moved<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const next = [...items];
  const target = index + delta;
  if (target < 0 || target >= next.length) return next;
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(target, 0, item);
  return next;
}
