/**
 * Live updates: one EventSource on /api/live for the whole workspace. Each
 * event refreshes the queries it touches (the inbox, the counts, the open
 * ticket, its presence); the browser reconnects by itself with Last-Event-ID.
 * Each opening of the stream also refreshes them (its first message, `hello`):
 * what happened before it opened has no event on it. Every event id is noted
 * and sent with the reads that follow (the server's cached lists are never
 * older than it). Each answer's live position is followed too: one read before
 * the stream's start reopens it from there (live-resume.ts, issue 16 §16).
 */

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { noteLiveEvent } from '../../api/client.ts';
import { onLivePosition } from '../../api/live-position.ts';
import {
  helloId,
  liveEventKinds,
  parseLiveEvent,
  type QueryKeyPrefix,
  staleAfter,
  staleAfterHello,
} from './live-refresh.ts';
import { afterAnswer, afterHello, freshStart, liveUrl } from './live-resume.ts';

/** `enabled`: whether the user may read the stream (agents and above). */
export function useLiveUpdates(enabled = true): boolean {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  const [after, setAfter] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(liveUrl(after));
    let start = freshStart(after);
    const resume = (step: { start: typeof start; reopenFrom: number | undefined }) => {
      start = step.start;
      if (step.reopenFrom !== undefined) setAfter(step.reopenFrom);
    };
    const stopFollowing = onLivePosition((position) => resume(afterAnswer(start, position)));
    const refresh = (keys: QueryKeyPrefix[]) => {
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
    };
    const onEvent = (message: MessageEvent<string>) => {
      const event = parseLiveEvent(message.data);
      if (event === null) return;
      noteLiveEvent(event.id);
      refresh(staleAfter(event));
    };
    for (const kind of liveEventKinds) source.addEventListener(kind, onEvent as EventListener);
    source.onopen = () => setConnected(true);
    // What changed between the pages' first fetch (or a dropped connection) and this
    // opening has no event on the stream: read the lists and the open ticket again.
    source.addEventListener('hello', ((message: MessageEvent<string>) => {
      const id = helloId(message.data);
      if (id !== undefined) noteLiveEvent(id); // else the reads go without it
      if (id !== undefined) resume(afterHello(start, id));
      refresh(staleAfterHello);
    }) as EventListener);
    source.onerror = () => setConnected(false);
    return () => {
      stopFollowing();
      source.close();
    };
  }, [queryClient, enabled, after]);
  return connected;
}
