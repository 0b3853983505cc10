/**
 * What each message of the live stream (/api/live) makes stale: the workspace
 * reads it refreshes. Pure: use-live.ts listens and invalidates these keys.
 */
import type { LiveEventDto } from '@shared/workspace-contracts.ts';

export type QueryKeyPrefix = readonly unknown[];

/** The kinds of event the stream sends besides `hello`. */
export const liveEventKinds = ['ticket', 'message', 'presence', 'notification'] as const;

/** An event's JSON (`{"id":12,"kind":"message","mailboxId":"…","ticketId":3}`), or null if unreadable. */
export function parseLiveEvent(data: string): LiveEventDto | null {
  try {
    return JSON.parse(data) as LiveEventDto;
  } catch {
    return null;
  }
}

/**
 * The reads an event makes stale: someone's presence only that ticket's
 * presence; anything else the inbox, the counts and the ticket it names.
 */
export function staleAfter(event: Pick<LiveEventDto, 'kind' | 'ticketId'>): QueryKeyPrefix[] {
  if (event.kind === 'presence') return [['presence', event.ticketId]];
  // a notification of the user (issue 18 §4): the bell reads its list again
  if (event.kind === 'notification') return [['notifications']];
  // ['dashboard']: the dashboard of today (issue 18 §5) follows every ticket event
  const keys: QueryKeyPrefix[] = [['inbox'], ['counts'], ['dashboard']];
  if (event.ticketId !== null) keys.push(['ticket', event.ticketId]);
  return keys;
}

/**
 * What the stream's opening (`hello`) makes stale: everything it may have
 * missed — the lists, the counts and any open ticket.
 */
export const staleAfterHello: QueryKeyPrefix[] = [
  ['inbox'],
  ['counts'],
  ['ticket'],
  ['notifications'],
  ['dashboard'],
];

/** The id a `hello` carries (`{"id":41}`), or undefined when unreadable. */
export function helloId(data: string): number | undefined {
  try {
    const id = (JSON.parse(data) as { id?: unknown }).id;
    return typeof id === 'number' ? id : undefined;
  } catch {
    return undefined;
  }
}
