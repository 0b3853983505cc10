/** The inbox's filters, read from and written to the address (see inbox-params.ts). */
import { useMemo } from 'react';
import { navigate, useLocation } from '../../router.ts';
import { type InboxFilters, inboxHref, parseInboxFilters } from './inbox-params.ts';

/** The current filters and a setter that lays changes over them (replacing the history entry). */
export function useInboxFilters(): [InboxFilters, (next: InboxFilters) => void] {
  const { search } = useLocation();
  const filters = useMemo(() => parseInboxFilters(search), [search]);
  const set = (next: InboxFilters) => navigate(inboxHref(filters, next), { replace: true });
  return [filters, set];
}
