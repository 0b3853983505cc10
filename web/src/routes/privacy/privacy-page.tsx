/**
 * Admins: retention periods per mailbox (preview and run), a person's data
 * (find, export as a zip, erase), flagged attachments (one-click purge) and
 * the register of requests. Loaded on demand from app-shell.
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import type { RetentionPolicyDto } from '@shared/privacy-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { privacyApi, privacyKeys } from '../../api/privacy.ts';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { TableHead } from '../../components/table-head.tsx';
import { usePrivacyI18n } from './privacy-i18n.ts';
import { reasonsText, statusText, summaryText, traceText } from './privacy-words.ts';

/** Mailbox names by slug (the privacy API names mailboxes by slug). */
function useMailboxNames(): (slug: string) => string {
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: () => api.mailboxes() });
  return (slug) => mailboxes.data?.mailboxes.find((m) => m.slug === slug)?.name ?? slug;
}

const day = (iso: string, language: string) =>
  new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'short',
    timeStyle: 'short',
  });

export function PrivacyPage({ session }: { session: SessionDto }) {
  const { p } = usePrivacyI18n();
  if (session.user.role !== 'admin') return <Alert role="alert">{p.adminOnly}</Alert>;
  return (
    <Stack gap="xl">
      <div>
        <Title order={1}>{p.pageTitle}</Title>
        <Text c="dimmed">{p.intro}</Text>
      </div>
      <RetentionSection />
      <PersonSection />
      <FlaggedSection />
      <RequestsSection />
    </Stack>
  );
}

function PolicyRow({ policy }: { policy: RetentionPolicyDto }) {
  const { p } = usePrivacyI18n();
  const queryClient = useQueryClient();
  const [months, setMonths] = useState<string | number>(policy.months ?? '');
  const save = useMutation({
    mutationFn: () =>
      privacyApi.setRetention(policy.mailboxId, months === '' ? null : Number(months)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: privacyKeys.retention }),
  });
  return (
    <Table.Tr>
      <Table.Td>{policy.mailboxName}</Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={p.monthsLabel(policy.mailboxName)}
          min={1}
          max={1200}
          allowDecimal={false}
          value={months}
          onChange={setMonths}
          w={140}
        />
      </Table.Td>
      <Table.Td>
        <Group gap="xs">
          <Button variant="default" onClick={() => save.mutate()} loading={save.isPending}>
            {p.save(policy.mailboxName)}
          </Button>
          {save.isSuccess && (
            <Text size="sm" role="status">
              {p.saved}
            </Text>
          )}
        </Group>
        <ApiErrorAlert error={save.error} />
      </Table.Td>
    </Table.Tr>
  );
}

function RetentionSection() {
  const { p, language } = usePrivacyI18n();
  const queryClient = useQueryClient();
  const retention = useQuery({ queryKey: privacyKeys.retention, queryFn: privacyApi.retention });
  const preview = useMutation({ mutationFn: privacyApi.preview });
  const run = useMutation({
    mutationFn: privacyApi.run,
    onSuccess: () => {
      preview.reset();
      void queryClient.invalidateQueries({ queryKey: ['privacy'] });
    },
  });
  return (
    <Stack component="section" aria-labelledby="retention-heading">
      <Title order={2} id="retention-heading">
        {p.retentionHeading}
      </Title>
      <Text>{p.retentionIntro}</Text>
      <ApiErrorAlert error={retention.error} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{p.mailboxColumn}</Table.Th>
            <Table.Th>{p.monthsColumn}</Table.Th>
            <Table.Th>
              <Text size="sm" c="dimmed" component="span">
                {p.monthsHint}
              </Text>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {retention.data?.policies.map((policy) => (
            <PolicyRow key={policy.mailboxId} policy={policy} />
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="default" onClick={() => preview.mutate()} loading={preview.isPending}>
          {p.preview}
        </Button>
        <Button
          color="red"
          onClick={() => run.mutate()}
          loading={run.isPending}
          disabled={!preview.data || preview.data.tickets === 0}
        >
          {p.runNow}
        </Button>
      </Group>
      <div aria-live="polite">
        {preview.data && <Alert>{p.previewResult(preview.data.tickets)}</Alert>}
        {run.data && <Alert color="green">{p.runResult(run.data.tickets)}</Alert>}
      </div>
      <ApiErrorAlert error={preview.error ?? run.error} />
      <Title order={3}>{p.runsHeading}</Title>
      {retention.data?.runs.length ? (
        <Table>
          <TableHead columns={p.runColumns} />
          <Table.Tbody>
            {retention.data.runs.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{day(r.startedAt, language)}</Table.Td>
                <Table.Td>{r.dryRun ? p.dryRun : p.realRun}</Table.Td>
                <Table.Td>{p.triggers[r.trigger]}</Table.Td>
                <Table.Td>{r.tickets}</Table.Td>
                <Table.Td>{r.blobsRemoved}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text>{p.none}</Text>
      )}
    </Stack>
  );
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function PersonSection() {
  const { p, language } = usePrivacyI18n();
  const lang = language === 'en' ? 'en' : 'fr';
  const mailboxName = useMailboxNames();
  const queryClient = useQueryClient();
  const [query, setQuery] = useState('');
  const [requestedBy, setRequestedBy] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const search = useMutation({ mutationFn: () => privacyApi.search(query) });
  const refreshRequests = () => queryClient.invalidateQueries({ queryKey: privacyKeys.requests });
  const exportZip = useMutation({
    mutationFn: () => privacyApi.exportZip(query, requestedBy),
    onSuccess: (blob) => {
      download(blob, `donnees-personnelles-${new Date().toISOString().slice(0, 10)}.zip`);
      void refreshRequests();
    },
  });
  const erase = useMutation({
    mutationFn: () => privacyApi.erase(query, requestedBy),
    onSuccess: () => {
      setConfirmed(false);
      search.reset();
      void queryClient.invalidateQueries({ queryKey: ['privacy'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    erase.reset();
    exportZip.reset();
    search.mutate();
  };
  const found = search.data;
  return (
    <Stack component="section" aria-labelledby="person-heading">
      <Title order={2} id="person-heading">
        {p.personHeading}
      </Title>
      <Text>{p.personIntro}</Text>
      <form onSubmit={submit}>
        <Stack maw={640}>
          <TextInput
            label={p.queryLabel}
            description={p.queryHint}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            required
            minLength={3}
            maxLength={320}
            autoComplete="off"
          />
          <Button type="submit" loading={search.isPending} w="fit-content">
            {p.search}
          </Button>
        </Stack>
      </form>
      <ApiErrorAlert error={search.error} />
      {found && (
        <Stack>
          <Text role="status">{p.found(found.contacts.length, found.tickets.length)}</Text>
          <Text size="sm">
            {p.elsewhere(
              found.elsewhere.auditEvents,
              found.elsewhere.outbox,
              found.elsewhere.loginThrottle,
            )}
          </Text>
          {found.tickets.length > 0 && (
            <Table>
              <TableHead columns={p.ticketColumns} />
              <Table.Tbody>
                {found.tickets.map((ticket) => (
                  <Table.Tr key={ticket.id}>
                    <Table.Td>#{ticket.number}</Table.Td>
                    <Table.Td>{mailboxName(ticket.mailboxSlug)}</Table.Td>
                    <Table.Td>{day(ticket.createdAt, language)}</Table.Td>
                    <Table.Td>{statusText(ticket.status, lang)}</Table.Td>
                    <Table.Td>{reasonsText(ticket.reasons, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Stack maw={640}>
            <TextInput
              label={p.requestedByLabel}
              description={p.requestedByHint}
              value={requestedBy}
              onChange={(e) => setRequestedBy(e.currentTarget.value)}
              required
              maxLength={500}
            />
            <Group>
              <Button
                variant="default"
                onClick={() => exportZip.mutate()}
                loading={exportZip.isPending}
                disabled={requestedBy.trim() === ''}
              >
                {p.exportZip}
              </Button>
            </Group>
            <Checkbox
              label={p.confirmErase}
              checked={confirmed}
              onChange={(e) => setConfirmed(e.currentTarget.checked)}
            />
            <Button
              color="red"
              w="fit-content"
              onClick={() => erase.mutate()}
              loading={erase.isPending}
              disabled={!confirmed || requestedBy.trim() === ''}
            >
              {p.erase}
            </Button>
          </Stack>
        </Stack>
      )}
      <div aria-live="polite">
        {exportZip.isSuccess && <Alert color="green">{p.exported}</Alert>}
        {erase.data && (
          <Alert color="green">
            {p.erased(erase.data.tickets, erase.data.blobsRemoved)}
            {erase.data.remaining.length > 0 && (
              <>
                <Text>{p.remaining}</Text>
                <List>
                  {erase.data.remaining.map((r) => (
                    <List.Item key={`${r.table}.${r.column}`}>
                      {traceText(r.table, r.rows, lang)}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Alert>
        )}
      </div>
      <ApiErrorAlert error={exportZip.error ?? erase.error} />
    </Stack>
  );
}

function FlaggedSection() {
  const { p, language } = usePrivacyI18n();
  const mailboxName = useMailboxNames();
  const queryClient = useQueryClient();
  const flagged = useQuery({ queryKey: privacyKeys.flagged, queryFn: privacyApi.flagged });
  const purge = useMutation({
    mutationFn: privacyApi.purge,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: privacyKeys.flagged }),
  });
  const rows = flagged.data?.attachments ?? [];
  return (
    <Stack component="section" aria-labelledby="flagged-heading">
      <Title order={2} id="flagged-heading">
        {p.attachmentsHeading}
      </Title>
      <Text>{p.attachmentsIntro}</Text>
      <ApiErrorAlert error={flagged.error ?? purge.error} />
      <div aria-live="polite">{purge.isSuccess && <Text role="status">{p.purged}</Text>}</div>
      {rows.length === 0 ? (
        <Text>{p.noAttachment}</Text>
      ) : (
        <Table>
          <TableHead columns={p.attachmentColumns} />
          <Table.Tbody>
            {rows.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.filename}</Table.Td>
                <Table.Td>
                  #{a.ticketNumber} ({mailboxName(a.mailboxSlug)}, {day(a.createdAt, language)})
                </Table.Td>
                <Table.Td>{p.kinds[a.kind]}</Table.Td>
                <Table.Td>
                  <Button
                    color="red"
                    variant="light"
                    size="xs"
                    aria-label={p.purge(a.filename)}
                    loading={purge.isPending && purge.variables === a.id}
                    onClick={() => purge.mutate(a.id)}
                  >
                    {p.purge('').trim()}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function RequestsSection() {
  const { p, language } = usePrivacyI18n();
  const requests = useQuery({ queryKey: privacyKeys.requests, queryFn: privacyApi.requests });
  const rows = requests.data?.requests ?? [];
  return (
    <Stack component="section" aria-labelledby="requests-heading">
      <Title order={2} id="requests-heading">
        {p.requestsHeading}
      </Title>
      <ApiErrorAlert error={requests.error} />
      {rows.length === 0 ? (
        <Text>{p.none}</Text>
      ) : (
        <Table>
          <TableHead columns={p.requestColumns} />
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{day(r.performedAt, language)}</Table.Td>
                <Table.Td>{p.requestKinds[r.kind]}</Table.Td>
                <Table.Td>{r.requestedBy}</Table.Td>
                <Table.Td>{r.performedBy ?? '—'}</Table.Td>
                <Table.Td>{summaryText(r.summary, language === 'en' ? 'en' : 'fr')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
