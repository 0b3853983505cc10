/**
 * The inbox's filters, read from and written to the address (see
 * inbox-params.ts). Beside an open ticket the list is the last one shown: its
 * filters are that list's, and changing one goes back to the list.
 */
import { useMemo } from 'react';
import { navigate, useLocation } from '../../router.ts';
import { type InboxFilters, inboxHref, parseInboxFilters } from './inbox-params.ts';
import { lastListHref } from './ticket-order.ts';

/** The current filters and a setter that lays changes over them. */
export function useInboxFilters(): [InboxFilters, (next: InboxFilters) => void] {
  const { pathname, search } = useLocation();
  const onList = pathname === '/inbox';
  const listSearch = onList ? search : (lastListHref().split('?')[1] ?? '');
  const filters = useMemo(() => parseInboxFilters(listSearch), [listSearch]);
  // On the list the history entry is replaced as filters change; from a ticket it is a new page.
  const set = (next: InboxFilters) => navigate(inboxHref(filters, next), { replace: onList });
  return [filters, set];
}
