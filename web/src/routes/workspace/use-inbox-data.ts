/**
 * The inbox's reads (TanStack Query): mailboxes, filter options, folder
 * counts and the ticket list in keyset pages. The list's order is kept for
 * j/k on the ticket screen (ticket-order.ts).
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { type InboxFilters, listedFolder } from './inbox-params.ts';
import { setTicketOrder } from './ticket-order.ts';
import { workspaceApi } from './workspace-api.ts';

export function useInboxData(filters: InboxFilters) {
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: workspaceApi.mailboxes });
  const options = useQuery({ queryKey: ['filter-options'], queryFn: workspaceApi.filterOptions });
  const counts = useQuery({
    queryKey: ['counts', filters.mailbox],
    queryFn: () => workspaceApi.counts(filters.mailbox),
  });
  const list = useInfiniteQuery({
    queryKey: ['inbox', filters],
    queryFn: ({ pageParam }) =>
      workspaceApi.inbox({ ...filters, folder: listedFolder(filters), cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const tickets = useMemo(() => list.data?.pages.flatMap((p) => p.tickets) ?? [], [list.data]);

  useEffect(() => {
    setTicketOrder(
      tickets.map((x) => x.id),
      `/inbox${window.location.search}`,
    );
  }, [tickets]);

  return { mailboxes, options, counts, list, tickets };
}
