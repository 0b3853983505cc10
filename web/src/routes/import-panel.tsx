import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileInput,
  List,
  Progress,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { ImportRunDto } from '@shared/contracts.ts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n.ts';

/** Supervisors: upload a Help Scout export, follow the import, read its summary. */
export function ImportPanel() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState('');
  const [dryRun, setDryRun] = useState(true);
  const [runId, setRunId] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: () => {
      if (!file) throw new Error('no file');
      return api.uploadImport({ file, dryRun, mapping });
    },
    onSuccess: ({ id }) => setRunId(id),
  });
  const run = useQuery({
    queryKey: ['import-run', runId],
    queryFn: () => api.importRun(runId ?? ''),
    enabled: runId !== null,
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 1000 : false),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRunId(null);
    upload.mutate();
  };

  return (
    <Stack component="section" aria-labelledby="import-heading" mt="xl">
      <Title order={2} id="import-heading">
        {t.importHeading}
      </Title>
      <Text c="dimmed">{t.importIntro}</Text>
      <form onSubmit={submit}>
        <Stack maw={640}>
          <FileInput
            label={t.importFileLabel}
            accept=".jsonl,.ndjson,.json"
            value={file}
            onChange={setFile}
            required
          />
          <Textarea
            label={t.importMappingLabel}
            description={t.importMappingHint}
            value={mapping}
            onChange={(event) => setMapping(event.currentTarget.value)}
            autosize
            minRows={2}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <Checkbox
            label={t.importDryRun}
            checked={dryRun}
            onChange={(event) => setDryRun(event.currentTarget.checked)}
          />
          <Button type="submit" loading={upload.isPending} disabled={!file} w="fit-content">
            {t.importStart}
          </Button>
        </Stack>
      </form>
      {upload.isError ? (
        <Alert color="red" role="alert" title={t.importFailed}>
          {upload.error.message}
        </Alert>
      ) : null}
      {run.data ? <RunStatus run={run.data} /> : null}
    </Stack>
  );
}

function RunStatus({ run }: { run: ImportRunDto }) {
  const { t } = useI18n();
  if (run.state === 'running') {
    const share =
      run.progress.totalBytes > 0 ? (100 * run.progress.bytes) / run.progress.totalBytes : 0;
    return (
      <Stack role="status" aria-live="polite">
        <Text>{t.importRunning(run.progress.records)}</Text>
        <Progress value={share} animated aria-label={t.importRunning(run.progress.records)} />
      </Stack>
    );
  }
  if (run.state === 'failed') {
    return (
      <Alert color="red" role="alert" title={t.importFailed}>
        {run.error}
      </Alert>
    );
  }
  const result = run.result;
  return (
    <Stack role="status" aria-live="polite">
      <Text fw={700}>{t.importFinished(run.dryRun)}</Text>
      {result ? (
        <>
          <Table withTableBorder w="fit-content">
            <Table.Thead>
              <Table.Tr>
                {(['read', 'created', 'updated', 'unchanged', 'failed'] as const).map((key) => (
                  <Table.Th key={key}>{t.importCounts[key]}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                {(['read', 'created', 'updated', 'unchanged', 'failed'] as const).map((key) => (
                  <Table.Td key={key}>{result.records[key]}</Table.Td>
                ))}
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text>{t.importProblems(result.errors, result.warnings)}</Text>
          {result.mapping.newValues.length > 0 ? (
            <>
              <Text fw={600}>{t.importNewValues}</Text>
              <List>
                {result.mapping.newValues.map((value) => (
                  <List.Item key={`${value.field}:${value.label}`}>
                    {value.field} : {value.label}
                  </List.Item>
                ))}
              </List>
            </>
          ) : null}
          {Object.keys(result.mapping.unmappedFields).length > 0 ? (
            <Text>
              {t.importUnmappedFields} : {Object.keys(result.mapping.unmappedFields).join(', ')}
            </Text>
          ) : null}
        </>
      ) : null}
      {run.errorReport ? (
        <Anchor href={api.importErrorsUrl(run.id)} download>
          {t.importDownloadErrors}
        </Anchor>
      ) : null}
    </Stack>
  );
}
