/**
 * A ticket's reads and its one change (TanStack Query): the view, who else is
 * here (polled, with whether this agent is typing), status / assignee / tags,
 * and `refresh` after any write (the ticket, the inbox, the counts).
 */

import type { TicketViewDto } from '@shared/workspace-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { workspaceApi } from './workspace-api.ts';

export type TicketChangeInput = Parameters<typeof workspaceApi.change>[1];

export function useTicket(ticketId: number) {
  const queryClient = useQueryClient();
  const view = useQuery({
    queryKey: ['ticket', ticketId],
    queryFn: () => workspaceApi.ticket(ticketId),
  });
  const [typing, setTyping] = useState(false);
  const presence = useQuery({
    queryKey: ['presence', ticketId, typing],
    queryFn: () => workspaceApi.presence(ticketId, typing),
    refetchInterval: 10_000,
  });
  useEffect(() => () => void workspaceApi.leave(ticketId).catch(() => {}), [ticketId]);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] });
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    void queryClient.invalidateQueries({ queryKey: ['counts'] });
  };
  // Each change carries the version of the ticket as shown (issue 16 §7): a 409 means
  // someone changed it first; the ticket is reloaded (onSettled) before any retry.
  const version = () => queryClient.getQueryData<TicketViewDto>(['ticket', ticketId])?.version;
  const change = useMutation({
    mutationFn: (input: TicketChangeInput) =>
      workspaceApi.change(ticketId, { ...input, version: version() }),
    onSettled: () => refresh(),
  });

  return { view, others: presence.data?.others ?? [], setTyping, change, refresh };
}
