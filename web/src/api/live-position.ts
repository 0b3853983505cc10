/**
 * The live positions answers were read at (issue 16 §16): the inbox, the counts
 * and the ticket view carry one (header x-guichet-live-position). The live stream
 * (routes/workspace/use-live.ts) listens: an answer read before the stream's start
 * makes it resume from that answer's position, so nothing between the two is lost.
 */
type Listener = (position: number) => void;

const listeners = new Set<Listener>();
let lowest: number | undefined;

/** Called by the API client for each answer that carries a position. */
export function noteLivePosition(position: number): void {
  if (!Number.isSafeInteger(position) || position < 0) return;
  if (listeners.size === 0) {
    lowest = lowest === undefined ? position : Math.min(lowest, position);
    return;
  }
  for (const listener of listeners) listener(position);
}

/**
 * Listens to the positions of the answers that follow; `listener` first gets the
 * lowest one noted while nobody listened (answers read before the stream).
 */
export function onLivePosition(listener: Listener): () => void {
  listeners.add(listener);
  if (lowest !== undefined) {
    const kept = lowest;
    lowest = undefined;
    listener(kept);
  }
  return () => {
    listeners.delete(listener);
  };
}
