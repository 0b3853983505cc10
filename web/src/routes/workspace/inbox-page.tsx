/**
 * The inbox (issue 6 §1): folders with live counts, search, filters and sort
 * in the URL, the ticket list (keyset pages), selection and bulk actions.
 * Keyboard: j/k move, Enter opens, x selects, / searches.
 */
import { Group, Stack, Title } from '@mantine/core';
import { useEffect } from 'react';
import { LoadMoreButton } from '../../components/load-more-button.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { FilterPanel } from './filter-panel.tsx';
import { FolderNav } from './folder-nav.tsx';
import { searchFilters, shownFolder } from './inbox-params.ts';
import { InboxSearch } from './inbox-search.tsx';
import { SearchExclusions } from './search-exclusions.tsx';
import { TicketList } from './ticket-list.tsx';
import { useInboxData } from './use-inbox-data.ts';
import { useInboxFilters } from './use-inbox-filters.ts';
import { useInboxKeys } from './use-inbox-keys.ts';
import { useSelection } from './use-selection.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function InboxPage() {
  const t = useWorkspaceI18n();
  const [filters, setFilters] = useInboxFilters();
  const folder = shownFolder(filters);
  const { mailboxes, options, counts, list, tickets } = useInboxData(filters);
  const selection = useSelection();
  const keys = useInboxKeys(tickets, selection.toggle);

  useEffect(() => {
    document.title = `${t.folders[folder]} — ${t.inboxTitle} — Guichet`;
  }, [folder, t]);

  return (
    <Group align="flex-start" gap="lg" wrap="wrap">
      <FolderNav
        filters={filters}
        setFilters={setFilters}
        mailboxes={mailboxes.data?.mailboxes ?? []}
        counts={counts.data}
        onFolder={selection.clear}
      />
      <Stack style={{ flex: 1, minWidth: 280 }} gap="sm">
        <Title order={1}>
          {filters.q
            ? `${t.inboxTitle} — « ${filters.q} »`
            : `${t.inboxTitle} — ${t.folders[folder]}`}
        </Title>
        <InboxSearch
          q={filters.q}
          inputRef={keys.searchRef}
          onSearch={(q) => setFilters(searchFilters(q, filters))}
        />
        <FilterPanel
          filters={filters}
          setFilters={setFilters}
          options={options.data}
          folder={folder}
        />
        {selection.selected.size > 0 && (
          <BulkBar
            ids={[...selection.selected]}
            agents={options.data?.agents ?? []}
            onDone={selection.clear}
          />
        )}
        <TicketList
          listRef={keys.listRef}
          status={{
            isPending: list.isPending,
            isSuccess: list.isSuccess,
            error: list.isError ? list.error : null,
          }}
          tickets={tickets}
          cursor={keys.cursor}
          selected={selection.selected}
          onToggle={selection.toggle}
          onFocusRow={keys.focusRow}
        />
        {list.isSuccess && tickets.length === 0 && (
          <SearchExclusions filters={filters} setFilters={setFilters} />
        )}
        <LoadMoreButton query={list} />
      </Stack>
    </Group>
  );
}
