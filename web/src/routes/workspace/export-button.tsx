/**
 * "Exporter" in the inbox (issue 21 §6): the list's current filter, as CSV or
 * XLSX, with the columns chosen here (classification included). The browser
 * downloads GET /api/exports/tickets, which streams the file.
 */
import { Button, Checkbox, Group, Popover, SegmentedControl, Stack, Text } from '@mantine/core';
import {
  defaultExportColumns,
  type ExportColumn,
  type ExportFormat,
  exportColumns,
} from '@shared/export-contracts.ts';
import { useState } from 'react';
import { useI18n } from '../../i18n.ts';
import { type InboxFilters, listedFolder } from './inbox-params.ts';

const texts = {
  fr: {
    button: 'Exporter',
    title: 'Exporter les tickets de cette liste',
    hint: 'Avec les filtres et la recherche en cours.',
    format: 'Format',
    columns: 'Colonnes',
    download: 'Télécharger',
    labels: {
      number: 'Numéro',
      subject: 'Sujet',
      status: 'Statut',
      mailbox: 'Boîte',
      createdAt: 'Créé le',
      lastMessageAt: 'Dernier message',
      contactName: 'Contact',
      contactEmail: 'E-mail du contact',
      organisation: 'Organisation',
      assignee: 'Assigné à',
      tags: 'Étiquettes',
      dueAt: 'Échéance',
      fields: 'Classification',
    } satisfies Record<ExportColumn, string>,
  },
  en: {
    button: 'Export',
    title: 'Export the tickets of this list',
    hint: 'With the current filters and search.',
    format: 'Format',
    columns: 'Columns',
    download: 'Download',
    labels: {
      number: 'Number',
      subject: 'Subject',
      status: 'Status',
      mailbox: 'Mailbox',
      createdAt: 'Created',
      lastMessageAt: 'Last message',
      contactName: 'Contact',
      contactEmail: 'Contact e-mail',
      organisation: 'Organisation',
      assignee: 'Assignee',
      tags: 'Tags',
      dueAt: 'Due',
      fields: 'Classification',
    } satisfies Record<ExportColumn, string>,
  },
};

/** The export's address: the inbox's filters, the format, the columns in the list's order. */
export function exportHref(
  filters: InboxFilters,
  format: ExportFormat,
  columns: readonly string[],
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, folder: listedFolder(filters) }))
    if (value) search.set(key, value);
  search.set('format', format);
  for (const column of exportColumns)
    if (columns.includes(column)) search.append('columns', column);
  return `/api/exports/tickets?${search}`;
}

export function ExportButton({ filters }: { filters: InboxFilters }) {
  const { language } = useI18n();
  const k = texts[language];
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [columns, setColumns] = useState<string[]>(defaultExportColumns);
  return (
    <Popover position="bottom-end" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button size="xs" variant="default">
          {k.button}
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={360}>
        <Stack gap="xs" role="group" aria-label={k.title}>
          <Text fw={600} size="sm">
            {k.title}
          </Text>
          <Text size="xs" c="dimmed">
            {k.hint}
          </Text>
          <SegmentedControl
            size="xs"
            aria-label={k.format}
            value={format}
            onChange={(value) => setFormat(value === 'xlsx' ? 'xlsx' : 'csv')}
            data={[
              { value: 'csv', label: 'CSV' },
              { value: 'xlsx', label: 'Excel (XLSX)' },
            ]}
          />
          <Checkbox.Group label={k.columns} value={columns} onChange={setColumns}>
            <Group gap={6} mt={4}>
              {exportColumns.map((column) => (
                <Checkbox key={column} size="xs" value={column} label={k.labels[column]} />
              ))}
            </Group>
          </Checkbox.Group>
          <Button
            component="a"
            size="xs"
            href={exportHref(filters, format, columns)}
            download
            data-disabled={columns.length === 0 || undefined}
            onClick={(event) => {
              if (columns.length === 0) event.preventDefault();
            }}
          >
            {k.download}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
