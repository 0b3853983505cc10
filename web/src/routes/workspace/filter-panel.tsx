/**
 * The inbox's filters (a fieldset, folded behind the "Filtres" button): sort,
 * status, assignee, a field and its value, tag, organisation, dates, and
 * "clear". Every change goes to the URL.
 */
import { Box, Button, Group, Select, TextInput } from '@mantine/core';
import {
  type FilterOptionsDto,
  type Folder,
  type InboxSort,
  sorts,
  ticketStatuses,
} from '@shared/workspace-contracts.ts';
import { navigate } from '../../router.ts';
import { type InboxFilters, splitFieldFilter } from './inbox-params.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function FilterPanel(props: {
  filters: InboxFilters;
  setFilters: (next: InboxFilters) => void;
  options: FilterOptionsDto | undefined;
  folder: Folder;
  id: string;
}) {
  const t = useWorkspaceI18n();
  const { filters, setFilters, options } = props;
  const fields = (options?.fields ?? []).filter(
    (f) => !filters.mailbox || f.mailboxId === filters.mailbox,
  );
  const [fieldId, valueId] = splitFieldFilter(filters.field);
  const chosenField = fields.find((f) => f.id === fieldId);
  return (
    <Box
      id={props.id}
      component="fieldset"
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}
      p="xs"
      m={0}
    >
      <legend>{t.filtersLegend}</legend>
      <Group gap={6} align="flex-end" wrap="wrap">
        <Select
          size="xs"
          label={t.sortLabel}
          data={sorts.map((s) => ({ value: s, label: t.sorts[s as InboxSort] }))}
          value={filters.sort ?? 'recent'}
          onChange={(value) => setFilters({ sort: value ?? undefined })}
          allowDeselect={false}
          w={170}
        />
        <Select
          size="xs"
          label={t.statusLabel}
          data={[
            { value: '', label: t.anyStatus },
            ...ticketStatuses.map((s) => ({ value: s, label: t.statuses[s] })),
          ]}
          value={filters.status ?? ''}
          onChange={(value) => setFilters({ status: value || undefined })}
          w={150}
        />
        <Select
          size="xs"
          label={t.assigneeLabel}
          data={[
            { value: '', label: t.anyone },
            { value: 'none', label: t.nobody },
            ...(options?.agents ?? []).map((a) => ({ value: a.id, label: a.name })),
          ]}
          value={filters.assignee ?? ''}
          onChange={(value) => setFilters({ assignee: value || undefined })}
          w={170}
          searchable
          nothingFoundMessage={t.noResult}
        />
        <Select
          size="xs"
          label={t.fieldFilterLabel}
          data={[
            { value: '', label: '—' },
            ...fields.map((f) => ({ value: f.id, label: f.label })),
          ]}
          value={fieldId}
          onChange={(value) => setFilters({ field: value ? `${value}:none` : undefined })}
          w={200}
        />
        {chosenField && (
          <Select
            size="xs"
            label={t.valueFilterLabel}
            data={[
              { value: 'none', label: t.notFilled },
              ...chosenField.values.map((v) => ({ value: v.id, label: v.label })),
            ]}
            value={valueId}
            onChange={(value) => setFilters({ field: `${chosenField.id}:${value ?? 'none'}` })}
            w={200}
            searchable
            nothingFoundMessage={t.noResult}
          />
        )}
        <Select
          size="xs"
          label={t.tagLabel}
          data={[
            { value: '', label: '—' },
            ...(options?.tags ?? []).map((x) => ({ value: x.id, label: x.name })),
          ]}
          value={filters.tag ?? ''}
          onChange={(value) => setFilters({ tag: value || undefined })}
          w={150}
          searchable
          nothingFoundMessage={t.noResult}
        />
        <Select
          size="xs"
          label={t.organisation}
          data={[
            { value: '', label: '—' },
            ...(options?.organisations ?? []).map((x) => ({ value: x.id, label: x.name })),
          ]}
          value={filters.organisation ?? ''}
          onChange={(value) => setFilters({ organisation: value || undefined })}
          w={200}
          searchable
          nothingFoundMessage={t.noResult}
        />
        <TextInput
          size="xs"
          type="date"
          label={t.fromLabel}
          value={filters.from ?? ''}
          onChange={(e) => setFilters({ from: e.currentTarget.value || undefined })}
          w={160}
        />
        <TextInput
          size="xs"
          type="date"
          label={t.toLabel}
          value={filters.to ?? ''}
          onChange={(e) => setFilters({ to: e.currentTarget.value || undefined })}
          w={160}
        />
        <Button
          variant="default"
          size="xs"
          onClick={() => navigate(`/inbox?folder=${props.folder}`, { replace: true })}
        >
          {t.clearFilters}
        </Button>
      </Group>
    </Box>
  );
}
