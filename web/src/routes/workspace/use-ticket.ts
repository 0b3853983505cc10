/**
 * A ticket's reads and its one change (TanStack Query): the view, who else is
 * here (polled, with whether this agent is typing), status / assignee / tags,
 * and `refresh` after any write (the ticket, the inbox, the counts).
 */
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
  const change = useMutation({
    mutationFn: (input: TicketChangeInput) => workspaceApi.change(ticketId, input),
    onSettled: () => refresh(),
  });

  return { view, others: presence.data?.others ?? [], setTyping, change, refresh };
}
