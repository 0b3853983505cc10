/**
 * CSV import of the directory: choose a file, preview it (a dry run that
 * writes nothing), then import; the report lists every refused line.
 */
import { Button, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { DirectoryImportDto } from '@shared/directory-contracts.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { directoryApi } from '../../api/directory.ts';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { TableHead } from '../../components/table-head.tsx';
import { useDirectoryI18n } from './directory-i18n.ts';

export function DirectoryImport() {
  const d = useDirectoryI18n();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: (dryRun: boolean) => directoryApi.importCsv(file ?? new Blob(), dryRun),
    onSuccess: async (report) => {
      if (!report.dryRun) await queryClient.invalidateQueries({ queryKey: ['organisations'] });
    },
  });
  return (
    <Stack component="section" aria-labelledby="directory-import-heading" gap="md">
      <Title order={2} id="directory-import-heading">
        {d.importHeading}
      </Title>
      <Text>{d.importIntro}</Text>
      <FileInput
        label={d.importFileLabel}
        accept=".csv,text/csv"
        value={file}
        onChange={(value) => {
          setFile(value);
          run.reset();
        }}
        maw={420}
      />
      <Group>
        <Button
          variant="default"
          disabled={!file || run.isPending}
          onClick={() => run.mutate(true)}
        >
          {d.importPreview}
        </Button>
        <Button disabled={!file || run.isPending} onClick={() => run.mutate(false)}>
          {d.importRun}
        </Button>
      </Group>
      <ApiErrorAlert error={run.error} />
      {run.data && <ImportReport report={run.data} />}
    </Stack>
  );
}

function ImportReport({ report }: { report: DirectoryImportDto }) {
  const d = useDirectoryI18n();
  return (
    <Stack gap="sm" role="status" aria-live="polite">
      <Text fw={600}>{d.importReport(report)}</Text>
      {report.errors.length > 0 && (
        <>
          <Title order={3} size="h4" id="directory-import-errors">
            {d.importErrorsHeading(report.errors.length)}
          </Title>
          <Table withTableBorder aria-labelledby="directory-import-errors">
            <TableHead columns={[d.lineColumn, d.problemColumn]} />
            <Table.Tbody>
              {report.errors.map((e) => (
                <Table.Tr key={`${e.line}-${e.message}`}>
                  <Table.Td>{e.line}</Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
