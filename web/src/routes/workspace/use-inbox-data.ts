/**
 * The inbox's reads (TanStack Query): filter options and the ticket list in
 * keyset pages (the side navigation reads the mailboxes and folder counts). The list's order is kept for
 * j/k on the ticket screen (ticket-order.ts).
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { type InboxFilters, listedFolder } from './inbox-params.ts';
import { setTicketOrder } from './ticket-order.ts';
import { workspaceApi } from './workspace-api.ts';

export function useInboxData(filters: InboxFilters) {
  const options = useQuery({ queryKey: ['filter-options'], queryFn: workspaceApi.filterOptions });
  const list = useInfiniteQuery({
    queryKey: ['inbox', filters],
    queryFn: ({ pageParam }) =>
      workspaceApi.inbox({ ...filters, folder: listedFolder(filters), cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const tickets = useMemo(() => list.data?.pages.flatMap((p) => p.tickets) ?? [], [list.data]);

  useEffect(() => {
    // Only the list of the address (/inbox?…) is the one to go back to.
    if (window.location.pathname === '/inbox')
      setTicketOrder(
        tickets.map((x) => x.number),
        `/inbox${window.location.search}`,
      );
  }, [tickets]);

  return { options, list, tickets };
}
