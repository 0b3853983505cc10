/** The inbox's selection of tickets (for the bulk actions). Pure: a set in, a new set out. */

/** The selection with `id` added, or removed if it was there; the given set is left as it is. */
export function toggled(selection: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(selection);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
