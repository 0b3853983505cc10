/** The inbox's side navigation: the mailbox choice, then each open folder with its live count. */
import { Badge, Box, NavLink, Select } from '@mantine/core';
import { type FolderCountsDto, folders } from '@shared/workspace-contracts.ts';
import { folderHref, type InboxFilters, isCurrentFolder } from './inbox-params.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function FolderNav(props: {
  filters: InboxFilters;
  setFilters: (next: InboxFilters) => void;
  mailboxes: { id: string; name: string }[];
  counts: FolderCountsDto | undefined;
  /** A folder was chosen (the selection is dropped). */
  onFolder: () => void;
}) {
  const t = useWorkspaceI18n();
  const { filters, setFilters, counts } = props;
  return (
    <Box component="nav" aria-label={t.foldersLabel} w={{ base: '100%', sm: 200 }}>
      <Select
        label={t.mailboxLabel}
        data={[
          { value: '', label: t.allMailboxes },
          ...props.mailboxes.map((m) => ({ value: m.id, label: m.name })),
        ]}
        value={filters.mailbox ?? ''}
        onChange={(value) => setFilters({ mailbox: value || undefined, field: undefined })}
        allowDeselect={false}
        mb="sm"
      />
      {folders
        .filter((f) => f !== 'all')
        .map((f) => {
          const count = counts && f in counts ? counts[f as keyof typeof counts] : null;
          const current = isCurrentFolder(f, filters);
          return (
            <NavLink
              key={f}
              href={folderHref(f, filters.mailbox)}
              label={t.folders[f]}
              active={current}
              aria-current={current ? 'page' : undefined}
              rightSection={
                count !== null ? (
                  <Badge variant="light" aria-label={`${count}`}>
                    {count}
                  </Badge>
                ) : null
              }
              onClick={(event) => {
                event.preventDefault();
                props.onFolder();
                setFilters({
                  folder: f,
                  q: undefined,
                  ...(f === 'due_soon' ? { sort: 'due' } : {}),
                });
              }}
            />
          );
        })}
    </Box>
  );
}
