/**
 * The composer's server state (issue 19 §1): on opening a ticket, the agent's
 * draft (text, copies, files) and the saved replies' variables; while they
 * type, the draft saved after a short pause (debounced), so another device or
 * a reload finds it. Sending discards it on the server.
 */
import type { ComposerStateDto, DraftInput } from '@shared/composer-contracts.ts';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { composerApi } from './composer-api.ts';
import { htmlHasText } from './composer-logic.ts';

export type DraftStatus = 'idle' | 'saving' | 'saved' | 'restored';

/** Milliseconds without typing before the draft is saved. */
export const draftDelayMs = 700;

export function useComposerDraft(ticketId: number, onLoaded: (state: ComposerStateDto) => void) {
  const state = useQuery({
    queryKey: ['composer', ticketId],
    queryFn: () => composerApi.state(ticketId),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  const [status, setStatus] = useState<DraftStatus>('idle');
  const loadedFor = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<DraftInput | null>(null);
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;

  useEffect(() => {
    if (!state.data || loadedFor.current === ticketId) return;
    loadedFor.current = ticketId;
    onLoadedRef.current(state.data);
    if (state.data.draft) setStatus('restored');
  }, [state.data, ticketId]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const draft = pending.current;
    pending.current = null;
    if (!draft) return;
    setStatus('saving');
    const empty =
      !htmlHasText(draft.bodyHtml) &&
      draft.cc.length + draft.bcc.length + draft.attachmentIds.length === 0;
    try {
      if (empty) await composerApi.discardDraft(ticketId);
      else await composerApi.saveDraft(ticketId, draft);
      setStatus('saved');
    } catch {
      setStatus('idle');
    }
  }, [ticketId]);

  /** Called on every change: saved once the agent pauses. */
  const schedule = useCallback(
    (draft: DraftInput) => {
      pending.current = draft;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), draftDelayMs);
    },
    [flush],
  );

  /** Forget what was waiting to be saved (the message was just sent). */
  const cancel = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = null;
    setStatus('idle');
  }, []);

  // Leaving the ticket saves what was typed last.
  useEffect(() => () => void flush(), [flush]);

  return { state: state.data, status, schedule, cancel, flush };
}
