/**
 * The inbox (issue 6 §1, issue 15 §2): the list of the folder chosen in the
 * side navigation, search, filters folded behind a button (the active ones as
 * removable chips), selection and bulk actions, keyset pages. Beside an open
 * ticket it is the last list shown (`primary` false: its heading is not the
 * page's and j/k belong to the ticket). Keyboard: j/k move, Enter opens,
 * x selects, / searches.
 */
import { Button, CloseButton, Collapse, Group, Pill, Stack, Title } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { LoadMoreButton } from '../../components/load-more-button.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { NewConversationButton } from './composer/new-conversation.tsx';
import { ExportButton } from './export-button.tsx';
import { filterChips } from './filter-chips.ts';
import { FilterPanel } from './filter-panel.tsx';
import { searchFilters, shownFolder } from './inbox-params.ts';
import { InboxSearch } from './inbox-search.tsx';
import { SearchExclusions } from './search-exclusions.tsx';
import { TicketList } from './ticket-list.tsx';
import { useInboxData } from './use-inbox-data.ts';
import { useInboxFilters } from './use-inbox-filters.ts';
import { useInboxKeys } from './use-inbox-keys.ts';
import { useSelection } from './use-selection.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function InboxPage({
  primary = true,
  openNumber = null,
}: {
  primary?: boolean;
  openNumber?: number | null;
}) {
  const t = useWorkspaceI18n();
  const [filters, setFilters] = useInboxFilters();
  const folder = shownFolder(filters);
  const { options, list, tickets } = useInboxData(filters);
  const selection = useSelection();
  const keys = useInboxKeys(tickets, selection.toggle, primary);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const panelId = useId();
  const chips = filterChips(filters, options.data, { ...t, tagLabel: t.tagLabel });

  // Another folder or mailbox: the selection was of the other list.
  const scope = `${folder}|${filters.mailbox ?? ''}`;
  const [selectionScope, setSelectionScope] = useState(scope);
  if (scope !== selectionScope) {
    setSelectionScope(scope);
    selection.clear();
  }

  useEffect(() => {
    if (primary) document.title = `${t.folders[folder]} — ${t.inboxTitle} — Guichet`;
  }, [primary, folder, t]);

  const heading = filters.q
    ? `${t.inboxTitle} — « ${filters.q} »`
    : `${t.inboxTitle} — ${t.folders[folder]}`;
  return (
    <Stack gap={6}>
      <Stack gap={6} px="xs" pt="xs">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Title order={primary ? 1 : 2} fz="md" lh={1.3}>
            {heading}
          </Title>
          <NewConversationButton mailboxId={filters.mailbox} />
        </Group>
        <InboxSearch
          q={filters.q}
          inputRef={keys.searchRef}
          onSearch={(q) => setFilters(searchFilters(q, filters))}
        >
          <Button
            size="xs"
            variant={filtersOpen ? 'light' : 'default'}
            aria-expanded={filtersOpen}
            aria-controls={panelId}
            onClick={() => setFiltersOpen((open) => !open)}
          >
            {t.filtersButton(chips.length)}
          </Button>
          <ExportButton filters={filters} />
        </InboxSearch>
        {chips.length > 0 && (
          <Group gap={4} role="group" aria-label={t.activeFilters}>
            {chips.map((chip) => (
              <Pill key={chip.key} size="sm">
                <Group gap={2} wrap="nowrap" component="span">
                  {chip.label}
                  <CloseButton
                    size="xs"
                    aria-label={t.removeFilter(chip.label)}
                    onClick={() => setFilters({ [chip.key]: undefined })}
                  />
                </Group>
              </Pill>
            ))}
          </Group>
        )}
        <Collapse expanded={filtersOpen}>
          <FilterPanel
            id={panelId}
            filters={filters}
            setFilters={setFilters}
            options={options.data}
            folder={folder}
          />
        </Collapse>
        {selection.selected.size > 0 && (
          <BulkBar
            ids={[...selection.selected]}
            agents={options.data?.agents ?? []}
            onDone={selection.clear}
          />
        )}
      </Stack>
      <TicketList
        listRef={keys.listRef}
        status={{
          isPending: list.isPending,
          isSuccess: list.isSuccess,
          error: list.isError ? list.error : null,
        }}
        tickets={tickets}
        cursor={keys.cursor}
        openNumber={openNumber}
        selected={selection.selected}
        onToggle={selection.toggle}
        onFocusRow={keys.focusRow}
      />
      {list.isSuccess && tickets.length === 0 && (
        <SearchExclusions filters={filters} setFilters={setFilters} />
      )}
      <Group px="xs" pb="xs">
        <LoadMoreButton query={list} />
      </Group>
    </Stack>
  );
}
