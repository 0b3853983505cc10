/**
 * Known incidents (issue 20 §2): the list (ongoing first), a form to declare one
 * (supervisors), and the selected incident (incident-detail.tsx).
 */
import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import type { IncidentDto } from '@shared/incident-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { request } from '../../api/client.ts';
import { mayOpen } from '../../app-routes.ts';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { IncidentDetail } from './incident-detail.tsx';
import { useIncidentI18n } from './incidents-i18n.ts';

type IncidentList = { incidents: IncidentDto[]; modules: { id: string; label: string }[] };

/** `2026-12-06T09:30` in the browser's time zone, for a datetime-local field. */
const localNow = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function DeclareForm({
  modules,
  onDone,
}: {
  modules: IncidentList['modules'];
  onDone: (id: string) => void;
}) {
  const m = useIncidentI18n();
  const [title, setTitle] = useState('');
  const [moduleValueId, setModule] = useState<string | null>(null);
  const [startedAt, setStartedAt] = useState(localNow);
  const [publicText, setPublicText] = useState('');
  const declare = useMutation({
    mutationFn: () =>
      request<{ id: string }>('POST', '/api/incidents', {
        title,
        moduleValueId,
        publicText,
        startedAt: new Date(startedAt).toISOString(),
      }),
    onSuccess: ({ id }) => {
      setTitle('');
      setPublicText('');
      onDone(id);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    declare.mutate();
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-labelledby="declare-heading">
      <Title order={2} fz="h4" id="declare-heading" mb="xs">
        {m.declare}
      </Title>
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput
            required
            label={m.incidentTitle}
            maxLength={200}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
          />
          <Select
            label={m.module}
            placeholder={m.anyModule}
            clearable
            data={modules.map((v) => ({ value: v.id, label: v.label }))}
            value={moduleValueId}
            onChange={setModule}
          />
          <TextInput
            type="datetime-local"
            required
            label={m.startedAt}
            value={startedAt}
            onChange={(event) => setStartedAt(event.currentTarget.value)}
          />
        </Group>
        <Textarea
          label={m.publicText}
          autosize
          minRows={2}
          maxLength={5000}
          value={publicText}
          onChange={(event) => setPublicText(event.currentTarget.value)}
        />
        <Group>
          <Button type="submit" size="xs" loading={declare.isPending}>
            {m.declare}
          </Button>
        </Group>
        <ApiErrorAlert error={declare.error} />
      </Stack>
    </Paper>
  );
}

export function IncidentsPage({ session }: { session: SessionDto }) {
  const m = useIncidentI18n();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['incidents'],
    queryFn: () => request<IncidentList>('GET', '/api/incidents'),
  });
  const [selected, setSelected] = useState<string | null>(null);
  const current = selected ?? list.data?.incidents.find((i) => !i.resolvedAt)?.id ?? null;
  return (
    <Stack gap="sm">
      <Title order={1} fz="h3">
        {m.title}
      </Title>
      <Text size="sm" c="dimmed">
        {m.intro}{' '}
        <Anchor href="/statut" size="sm" target="_blank">
          {m.statusPage}
        </Anchor>
      </Text>
      {mayOpen(session.user.role, 'supervisor') && list.data && (
        <DeclareForm
          modules={list.data.modules}
          onDone={(id) => {
            setSelected(id);
            void queryClient.invalidateQueries({ queryKey: ['incidents'] });
            void queryClient.invalidateQueries({ queryKey: ['incidents-ongoing'] });
          }}
        />
      )}
      <ApiErrorAlert error={list.error} />
      {list.data?.incidents.length === 0 && <Text size="sm">{m.none}</Text>}
      {list.data && list.data.incidents.length > 0 && (
        <Table withTableBorder verticalSpacing={4} fz="sm">
          <Table.Tbody>
            {list.data.incidents.map((i) => (
              <Table.Tr
                key={i.id}
                bg={i.id === current ? 'var(--mantine-color-blue-light)' : undefined}
              >
                <Table.Td>
                  <Button size="compact-sm" variant="subtle" onClick={() => setSelected(i.id)}>
                    {i.title}
                  </Button>
                </Table.Td>
                <Table.Td>{i.moduleLabel ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge color={i.resolvedAt ? 'gray' : 'orange'} variant="light">
                    {i.resolvedAt ? m.resolved : m.ongoing}
                  </Badge>
                </Table.Td>
                <Table.Td>{m.linkedCount(i.linked, i.answered)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {current && <IncidentDetail key={current} id={current} session={session} />}
    </Stack>
  );
}
