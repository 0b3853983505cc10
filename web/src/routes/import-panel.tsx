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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n.ts';

/** Supervisors: upload a Help Scout export, follow the import, read its summary. */
export function ImportPanel() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState('');
  const [dryRun, setDryRun] = useState(true);
  const [runId, setRunId] = useState<string | null>(null);
  const [resuming, setResuming] = useState(false);
  const fileInput = useRef<HTMLButtonElement>(null);
  const queryClient = useQueryClient();

  const upload = useMutation({
    mutationFn: () => {
      if (!file) throw new Error('no file');
      return api.uploadImport({ file, dryRun, mapping });
    },
    onSuccess: ({ id }) => {
      setRunId(id);
      setResuming(false);
      void queryClient.invalidateQueries({ queryKey: ['import-runs'] });
    },
  });
  // The latest run, when a stopped server left it unfinished (issue 16 §13): until a new one starts.
  const recent = useQuery({ queryKey: ['import-runs'], queryFn: api.importRuns });
  const latest = recent.data?.[0];
  const interrupted = latest?.state === 'interrupted' && latest.id !== runId ? latest : null;
  const resume = (previous: ImportRunDto) => {
    setDryRun(previous.dryRun);
    setRunId(null);
    setResuming(true);
    fileInput.current?.focus();
  };
  const run = useQuery({
    queryKey: ['import-run', runId],
    queryFn: () => api.importRun(runId ?? ''),
    enabled: runId !== null,
    // Polled while it runs; a run whose server stopped comes back as interrupted.
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
      {interrupted && !resuming ? <Interrupted run={interrupted} onResume={resume} /> : null}
      <form onSubmit={submit}>
        <Stack maw={640}>
          {resuming ? (
            <Text fw={600} role="status">
              {t.importResuming}
            </Text>
          ) : null}
          <FileInput
            ref={fileInput}
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
      {run.data ? <RunStatus run={run.data} onResume={resume} /> : null}
    </Stack>
  );
}

/** A run whose server stopped: what happened, and the way to resume it. */
function Interrupted({
  run,
  onResume,
}: {
  run: ImportRunDto;
  onResume: (run: ImportRunDto) => void;
}) {
  const { t, language } = useI18n();
  const started = new Date(run.startedAt).toLocaleString(language === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return (
    <Alert color="orange" role="alert" title={t.importInterrupted(started)} maw={640}>
      <Stack gap="xs">
        <Text size="sm">{t.importResumeHint}</Text>
        <Button size="xs" w="fit-content" onClick={() => onResume(run)}>
          {t.importResume}
        </Button>
      </Stack>
    </Alert>
  );
}

function RunStatus({
  run,
  onResume,
}: {
  run: ImportRunDto;
  onResume: (run: ImportRunDto) => void;
}) {
  const { t } = useI18n();
  if (run.state === 'interrupted') return <Interrupted run={run} onResume={onResume} />;
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
