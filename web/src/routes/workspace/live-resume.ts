/**
 * Where the live stream must resume from (issue 16 §16). Pure: use-live.ts
 * keeps the state and reopens the stream. An answer read at a position before
 * the stream's start may miss what happened between the two: the stream is then
 * opened again from that position (its events refresh what they touch). The start
 * only moves back, to a position an answer was read at, so this settles.
 */
export type StreamStart = {
  /** The `after` the stream was opened with, if any. */
  requested: number | undefined;
  /** The position the server said it starts from (its `hello`), once known. */
  announced: number | undefined;
  /** The lowest position of the answers that came before `announced` was known. */
  waiting: number | undefined;
};

export const freshStart = (requested: number | undefined): StreamStart => ({
  requested,
  announced: requested,
  waiting: undefined,
});

/** An answer read at `position`: the state, and where to reopen from (if the stream must). */
export function afterAnswer(
  start: StreamStart,
  position: number,
): { start: StreamStart; reopenFrom: number | undefined } {
  if (start.announced === undefined) {
    const waiting = start.waiting === undefined ? position : Math.min(start.waiting, position);
    return { start: { ...start, waiting }, reopenFrom: undefined };
  }
  return { start, reopenFrom: position < start.announced ? position : undefined };
}

/** The stream said where it starts (`hello`): reopen from an earlier answer's position, if any. */
export function afterHello(
  start: StreamStart,
  announced: number,
): { start: StreamStart; reopenFrom: number | undefined } {
  const reopenFrom =
    start.waiting !== undefined && start.waiting < announced ? start.waiting : undefined;
  return { start: { ...start, announced, waiting: undefined }, reopenFrom };
}

/** The stream's address: from `after` when given. */
export const liveUrl = (after: number | undefined): string =>
  after === undefined ? '/api/live' : `/api/live?after=${after}`;
