/**
 * "Monter / Descendre" buttons for the ordered lists of the help-centre
 * editor (categories, public natures): plain buttons, so the order is set
 * with the keyboard alone; focus follows the moved item.
 */
import { Button, Group } from '@mantine/core';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useHelpCentreI18n } from './help-centre-i18n.ts';
import { moved } from './reorder.ts';

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

type Move = { keys: string[]; id: string; direction: 'up' | 'down' };

/**
 * Saves a new order of an ordered list: the answer replaces the cached list,
 * `onSaved` refreshes what depends on it, `status` says so and the focus
 * stays on the moved item. `setStatus` lets the list announce other changes.
 */
export function useReorder<T>(options: {
  queryKey: QueryKey;
  save: (keys: string[]) => Promise<T>;
  onSaved: () => void;
}) {
  const { h } = useHelpCentreI18n();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (move: Move) => options.save(move.keys),
    onSuccess: (result, move) => {
      queryClient.setQueryData(options.queryKey, result);
      options.onSaved();
      setStatus(h.orderSaved);
      refocusMoved(move.id, move.direction);
    },
  });
  return {
    /** Moves the item at `index` of `keys` (the list in its order); `id` as given to OrderButtons. */
    move: (keys: readonly string[], index: number, delta: -1 | 1, id: string) =>
      mutation.mutate({
        keys: moved(keys, index, delta),
        id,
        direction: delta < 0 ? 'up' : 'down',
      }),
    busy: mutation.isPending,
    error: mutation.error,
    status,
    setStatus,
  };
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
