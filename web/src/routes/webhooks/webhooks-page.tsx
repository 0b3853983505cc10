/**
 * Webhooks (issue 21 §3), for administrators: the subscriptions with their
 * state (a webhook switched off after a day of failures is shown in red), a
 * test event, the delivery log, switching on and off, and a form to add one
 * (its signing secret shown once). Loaded on demand.
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { WebhookDto, WebhookTestDto } from '@shared/webhook-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { useI18n } from '../../i18n.ts';
import { WebhookForm } from './webhook-form.tsx';
import { WebhookLog } from './webhook-log.tsx';
import { webhooksApi } from './webhooks-api.ts';
import { useWebhookI18n } from './webhooks-i18n.ts';

const stateColor = { active: 'green', disabled: 'gray', disabled_failures: 'red' } as const;

export function WebhooksPage() {
  const m = useWebhookI18n();
  const { language } = useI18n();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['webhooks'], queryFn: webhooksApi.list });
  const [logOf, setLogOf] = useState<string | null>(null);
  const [tested, setTested] = useState<{ id: string; outcome: WebhookTestDto } | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  const change = useMutation({
    mutationFn: (input: { id: string; enabled: boolean }) =>
      webhooksApi.change(input.id, { enabled: input.enabled }),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: webhooksApi.remove, onSuccess: refresh });
  const test = useMutation({
    mutationFn: async (id: string) => ({ id, outcome: await webhooksApi.test(id) }),
    onSuccess: (result) => {
      setTested(result);
      refresh();
    },
  });
  const format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  const when = (iso: string | null) => (iso ? format.format(new Date(iso)) : '');

  if (list.isPending) return <Loader />;
  if (list.isError) return <ApiErrorAlert error={list.error} />;
  const { webhooks, options } = list.data;
  const mailboxName = new Map(options.mailboxes.map((b) => [b.id, b.name]));
  const logged = webhooks.find((w) => w.id === logOf);
  const filters = (w: WebhookDto) => [
    w.mailboxIds.length === 0
      ? m.allMailboxes
      : w.mailboxIds.map((id) => mailboxName.get(id) ?? id).join(', '),
    w.eventTypes.length === 0 ? m.allEvents : w.eventTypes.map((t) => m.eventLabels[t]).join(', '),
  ];

  return (
    <Stack gap="lg">
      <Title order={1}>{m.title}</Title>
      <Text c="dark.6">{m.intro}</Text>
      {webhooks
        .filter((w) => w.state === 'disabled_failures')
        .map((w) => (
          <Alert key={w.id} color="red" role="alert">
            {m.disabledBanner(w.name, when(w.disabledAt))}
          </Alert>
        ))}
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {m.listHeading}
        </Title>
        {webhooks.length === 0 ? (
          <Text>{m.none}</Text>
        ) : (
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                {Object.values(m.columns).map((label) => (
                  <Table.Th key={label}>{label}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {webhooks.map((w) => (
                <Table.Tr key={w.id} data-webhook={w.name}>
                  <Table.Td>{w.name}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{w.url}</Table.Td>
                  <Table.Td>
                    {filters(w).map((line) => (
                      <Text size="sm" key={line}>
                        {line}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge
                      color={stateColor[w.state]}
                      variant="light"
                      style={{ overflow: 'visible' }}
                    >
                      {m.state[w.state]}
                    </Badge>
                    {w.failingSince && (
                      <Text size="xs" c="red.8">
                        {m.failingSince(when(w.failingSince))}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{w.pending}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Button
                        size="xs"
                        variant="light"
                        loading={test.isPending && test.variables === w.id}
                        onClick={() => test.mutate(w.id)}
                      >
                        {m.sendTest}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setLogOf(logOf === w.id ? null : w.id)}
                      >
                        {logOf === w.id ? m.hideLog : m.showLog}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => change.mutate({ id: w.id, enabled: w.state !== 'active' })}
                      >
                        {w.state === 'active' ? m.disable : m.enable}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => {
                          if (window.confirm(m.confirmRemove(w.name))) remove.mutate(w.id);
                        }}
                      >
                        {m.remove}
                      </Button>
                    </Group>
                    {tested?.id === w.id && (
                      <Text
                        size="sm"
                        mt={4}
                        c={tested.outcome.ok ? 'green.9' : 'red.8'}
                        role="status"
                      >
                        {tested.outcome.ok
                          ? m.testOk(tested.outcome.statusCode, tested.outcome.durationMs)
                          : m.testFailed(tested.outcome.error ?? '', tested.outcome.durationMs)}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <ApiErrorAlert error={change.error ?? remove.error ?? test.error} />
      </Paper>
      {logged && (
        <WebhookLog
          key={`${logged.id}-${tested?.outcome.durationMs ?? ''}`}
          webhook={logged}
          m={m}
          format={format}
        />
      )}
      <WebhookForm options={options} m={m} onCreated={refresh} />
    </Stack>
  );
}
