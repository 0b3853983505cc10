/**
 * Live updates: one EventSource on /api/live for the whole workspace. Each
 * event refreshes the queries it touches (the inbox, the counts, the open
 * ticket, its presence); the browser reconnects by itself with Last-Event-ID.
 * Each opening of the stream also refreshes them (its first message, `hello`):
 * what happened before it opened has no event on it. Every event id is noted
 * and sent with the reads that follow (the server's cached lists are never
 * older than it).
 */

import type { LiveEventDto } from '@shared/workspace-contracts.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { noteLiveEvent } from '../../api/client.ts';

export function useLiveUpdates(): boolean {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/live');
    const onEvent = (message: MessageEvent<string>) => {
      let event: LiveEventDto;
      try {
        event = JSON.parse(message.data) as LiveEventDto;
      } catch {
        return;
      }
      noteLiveEvent(event.id);
      if (event.kind === 'presence') {
        void queryClient.invalidateQueries({ queryKey: ['presence', event.ticketId] });
        return;
      }
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      void queryClient.invalidateQueries({ queryKey: ['counts'] });
      if (event.ticketId !== null)
        void queryClient.invalidateQueries({ queryKey: ['ticket', event.ticketId] });
    };
    for (const kind of ['ticket', 'message', 'presence'])
      source.addEventListener(kind, onEvent as EventListener);
    source.onopen = () => setConnected(true);
    // What changed between the pages' first fetch (or a dropped connection) and this
    // opening has no event on the stream: read the lists and the open ticket again.
    source.addEventListener('hello', ((message: MessageEvent<string>) => {
      try {
        noteLiveEvent((JSON.parse(message.data) as { id: number }).id);
      } catch {
        // an unreadable id: the reads go without it
      }
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      void queryClient.invalidateQueries({ queryKey: ['counts'] });
      void queryClient.invalidateQueries({ queryKey: ['ticket'] });
    }) as EventListener);
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [queryClient]);
  return connected;
}
