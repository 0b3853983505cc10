/**
 * The organisation directory (issue 6 §4): search, a page of organisations,
 * an edit form in a dialog, and the CSV import. Agents read; supervisors and
 * admins edit. Loaded on demand (React.lazy) from the app shell.
 */
import { Alert, Button, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { SessionDto } from '@shared/contracts.ts';
import type { OrganisationDto } from '@shared/directory-contracts.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isUnauthenticated } from '../../api/client.ts';
import { directoryApi } from '../../api/directory.ts';
import { TableHead } from '../../components/table-head.tsx';
import { useI18n } from '../../i18n.ts';
import { useDirectoryI18n } from './directory-i18n.ts';
import { DirectoryImport } from './directory-import.tsx';
import { OrganisationDialog } from './organisation-dialog.tsx';

const pageSize = 25;

/** What the dialog shows: a new organisation, an existing one, or nothing. */
type Editing = { id: string | null } | null;

export function DirectoryPage({ session }: { session: SessionDto }) {
  const d = useDirectoryI18n();
  const { t } = useI18n();
  const canEdit = session.user.role === 'supervisor' || session.user.role === 'admin';
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  // A new search starts again on page 1.
  const [paging, setPaging] = useState({ q: '', page: 1 });
  const page = paging.q === q ? paging.page : 1;
  const setPage = (next: number) => setPaging({ q, page: next });
  const [editing, setEditing] = useState<Editing>(null);

  useEffect(() => {
    document.title = `${d.pageTitle} — ${t.appName}`;
  }, [d, t]);

  const list = useQuery({
    queryKey: ['organisations', q, page],
    queryFn: () => directoryApi.list(q, page, pageSize),
    placeholderData: keepPreviousData,
  });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / pageSize)) : 1;

  return (
    <Stack gap="lg">
      <Stack component="section" aria-labelledby="directory-heading" gap="md">
        <Group justify="space-between" align="flex-end">
          <Title order={1} id="directory-heading">
            {d.pageTitle}
          </Title>
          {canEdit && <Button onClick={() => setEditing({ id: null })}>{d.add}</Button>}
        </Group>
        <Text>{d.intro}</Text>
        <TextInput
          label={d.searchLabel}
          description={d.searchHint}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          maw={420}
        />
        {list.isPending && <Loader aria-label={t.loading} role="status" />}
        {list.isError && !isUnauthenticated(list.error) && (
          <Alert color="red" role="alert">
            <Stack gap="xs" align="flex-start">
              <span>{d.loadFailed}</span>
              <Button size="xs" variant="white" onClick={() => void list.refetch()}>
                {d.retry}
              </Button>
            </Stack>
          </Alert>
        )}
        {list.data && (
          <>
            <Text role="status" aria-live="polite">
              {d.total(list.data.total)}
            </Text>
            <OrganisationTable
              organisations={list.data.organisations}
              canEdit={canEdit}
              onOpen={(id) => setEditing({ id })}
            />
            {pages > 1 && (
              <Group component="nav" aria-label={d.pagination} gap="sm">
                <Button variant="default" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  ‹ {page - 1}
                </Button>
                <Text aria-current="page">
                  {page} / {pages}
                </Text>
                <Button
                  variant="default"
                  disabled={page >= pages}
                  onClick={() => setPage(page + 1)}
                >
                  {page + 1} ›
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
      {canEdit && <DirectoryImport />}
      {editing && (
        <OrganisationDialog id={editing.id} canEdit={canEdit} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function OrganisationTable({
  organisations,
  canEdit,
  onOpen,
}: {
  organisations: OrganisationDto[];
  canEdit: boolean;
  onOpen: (id: string) => void;
}) {
  const d = useDirectoryI18n();
  if (organisations.length === 0) return <Text>{d.empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table withTableBorder verticalSpacing="sm" aria-labelledby="directory-heading">
        <TableHead
          columns={[
            d.nameColumn,
            d.typeColumn,
            d.departementColumn,
            d.domainsColumn,
            d.ticketsColumn,
            d.actionsColumn,
          ]}
        />
        <Table.Tbody>
          {organisations.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Th scope="row">{o.name}</Table.Th>
              <Table.Td>{o.partnerType?.label ?? <NotSet />}</Table.Td>
              <Table.Td>{o.departement?.label ?? <NotSet />}</Table.Td>
              <Table.Td>{o.domains.length > 0 ? o.domains.join(', ') : <NotSet />}</Table.Td>
              <Table.Td>{o.ticketCount}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="default" onClick={() => onOpen(o.id)}>
                  {canEdit ? d.edit(o.name) : d.details(o.name)}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function NotSet() {
  const d = useDirectoryI18n();
  return (
    <Text component="span" size="sm" fs="italic" c="dimmed">
      {d.none}
    </Text>
  );
}
