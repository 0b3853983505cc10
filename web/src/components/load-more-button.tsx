import { Button } from '@mantine/core';
import { useI18n } from '../i18n.ts';

/** The part of a TanStack `useInfiniteQuery` result the button needs. */
type PagedQuery = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
};

/**
 * "Afficher plus" under a paged list: asks for the next page, nothing when
 * there is none. The button stays enabled while the page loads (aria-busy
 * instead of disabled) so keyboard focus is never lost; a second press then
 * does nothing rather than asking for the same page twice.
 */
export function LoadMoreButton({ query }: { query: PagedQuery }) {
  const { t } = useI18n();
  if (!query.hasNextPage) return null;
  return (
    <Button
      variant="default"
      w="fit-content"
      aria-busy={query.isFetchingNextPage}
      onClick={() => {
        if (!query.isFetchingNextPage) void query.fetchNextPage();
      }}
    >
      {t.loadMore}
    </Button>
  );
}
