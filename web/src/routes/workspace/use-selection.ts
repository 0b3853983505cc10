/** The inbox's selected tickets (checkboxes, `x`), for the bulk bar. */
import { useCallback, useState } from 'react';
import { toggled } from './selection.ts';

export function useSelection() {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const toggle = (id: number) => setSelected((current) => toggled(current, id));
  const clear = useCallback(() => setSelected(new Set()), []);
  return { selected, toggle, clear };
}
