/**
 * "Monter / Descendre" buttons for the ordered lists of the help-centre
 * editor (categories, public natures): plain buttons, so the order is set
 * with the keyboard alone; focus follows the moved item.
 */
import { Button, Group } from '@mantine/core';
import { useHelpCentreI18n } from './help-centre-i18n.ts';

/** `items` with the one at `index` moved by `delta` (−1 up, +1 down). */
export function moved<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const next = [...items];
  const target = index + delta;
  if (target < 0 || target >= next.length) return next;
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(target, 0, item);
  return next;
}

const buttonId = (id: string, direction: 'up' | 'down') => `move-${direction}-${id}`;

/** Puts the focus back on the moved item's button once the list has re-rendered. */
export function refocusMoved(id: string, direction: 'up' | 'down'): void {
  requestAnimationFrame(() => {
    const same = document.getElementById(buttonId(id, direction)) as HTMLButtonElement | null;
    const other = document.getElementById(
      buttonId(id, direction === 'up' ? 'down' : 'up'),
    ) as HTMLButtonElement | null;
    (same && !same.disabled ? same : other)?.focus();
  });
}

export function OrderButtons({
  id,
  name,
  index,
  count,
  busy,
  onMove,
}: {
  /** A DOM-safe identifier of the item. */
  id: string;
  /** The item's name, in the buttons' accessible names. */
  name: string;
  index: number;
  count: number;
  /** A move is being saved: clicks wait (the buttons stay enabled so the focus stays). */
  busy: boolean;
  onMove: (delta: -1 | 1) => void;
}) {
  const { h } = useHelpCentreI18n();
  return (
    <Group gap="xs">
      <Button
        id={buttonId(id, 'up')}
        size="xs"
        variant="default"
        disabled={index === 0}
        aria-label={`${h.moveUp} « ${name} »`}
        onClick={() => !busy && onMove(-1)}
      >
        {h.moveUp}
      </Button>
      <Button
        id={buttonId(id, 'down')}
        size="xs"
        variant="default"
        disabled={index === count - 1}
        aria-label={`${h.moveDown} « ${name} »`}
        onClick={() => !busy && onMove(1)}
      >
        {h.moveDown}
      </Button>
    </Group>
  );
}
