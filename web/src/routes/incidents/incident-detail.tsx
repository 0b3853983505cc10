/**
 * One incident: the suggested tickets to link (checked by default when of the
 * same module), the linked ones, and for supervisors the answer to all and the
 * resolution.
 */
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import type {
  IncidentAnswerDto,
  IncidentDetailDto,
  IncidentSuggestionDto,
} from '@shared/incident-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../../api/client.ts';
import { mayOpen } from '../../app-routes.ts';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { navigate } from '../../router.ts';
import { useIncidentI18n } from './incidents-i18n.ts';

const ticketLink = (number: number, subject: string) => (
  <Anchor
    href={`/tickets/${number}`}
    size="sm"
    onClick={(event) => {
      event.preventDefault();
      navigate(`/tickets/${number}`);
    }}
  >
    #{number} {subject}
  </Anchor>
);

function MessageForm(props: {
  title: string;
  hint: string;
  action: string;
  onSend: (body: string) => Promise<IncidentAnswerDto>;
}) {
  const m = useIncidentI18n();
  const [body, setBody] = useState('');
  const send = useMutation({ mutationFn: props.onSend, onSuccess: () => setBody('') });
  return (
    <Stack gap={4}>
      <Textarea
        label={props.title}
        description={props.hint}
        autosize
        minRows={3}
        maxLength={20_000}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
      />
      <Group gap="xs">
        <Button
          size="xs"
          disabled={body.trim() === ''}
          loading={send.isPending}
          onClick={() => send.mutate(body)}
        >
          {props.action}
        </Button>
        {send.data && (
          <Text size="sm" role="status">
            {m.sent(send.data.sent, send.data.failed)}
          </Text>
        )}
      </Group>
      <ApiErrorAlert error={send.error} />
    </Stack>
  );
}

export function IncidentDetail({ id, session }: { id: string; session: SessionDto }) {
  const m = useIncidentI18n();
  const queryClient = useQueryClient();
  const supervisor = mayOpen(session.user.role, 'supervisor');
  const detail = useQuery({
    queryKey: ['incident', id],
    queryFn: () => request<IncidentDetailDto>('GET', `/api/incidents/${id}`),
  });
  const suggestions = useQuery({
    queryKey: ['incident-suggestions', id],
    queryFn: () => request<IncidentSuggestionDto[]>('GET', `/api/incidents/${id}/suggestions`),
  });
  const [unchecked, setUnchecked] = useState<Set<number>>(new Set());
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['incident', id] });
    void queryClient.invalidateQueries({ queryKey: ['incident-suggestions', id] });
    void queryClient.invalidateQueries({ queryKey: ['incidents'] });
  };
  const chosen = (suggestions.data ?? []).filter((s) => !unchecked.has(s.id)).map((s) => s.id);
  const link = useMutation({
    mutationFn: (ticketIds: number[]) =>
      request('POST', `/api/incidents/${id}/tickets`, { ticketIds }),
    onSuccess: refresh,
  });
  const unlink = useMutation({
    mutationFn: (ticketId: number) => request('DELETE', `/api/incidents/${id}/tickets/${ticketId}`),
    onSuccess: refresh,
  });
  const answer = (path: 'answer' | 'resolve') => async (body: string) => {
    const outcome = await request<IncidentAnswerDto>('POST', `/api/incidents/${id}/${path}`, {
      body,
    });
    refresh();
    return outcome;
  };
  const incident = detail.data?.incident;
  if (!incident) return <ApiErrorAlert error={detail.error} />;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="incident-heading">
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={2} fz="h4" id="incident-heading">
            {incident.title}
          </Title>
          <Badge color={incident.resolvedAt ? 'gray' : 'orange'} variant="light">
            {incident.resolvedAt ? m.resolved : m.ongoing}
          </Badge>
        </Group>
        {!incident.resolvedAt && (
          <Stack gap={4} component="section" aria-labelledby="suggestions-heading">
            <Title order={3} fz="sm" id="suggestions-heading">
              {m.suggestions}
            </Title>
            {suggestions.data?.length === 0 && <Text size="sm">{m.noSuggestion}</Text>}
            {(suggestions.data ?? []).map((s) => (
              <Checkbox
                key={s.id}
                size="xs"
                checked={!unchecked.has(s.id)}
                onChange={(event) => {
                  const next = new Set(unchecked);
                  if (event.currentTarget.checked) next.delete(s.id);
                  else next.add(s.id);
                  setUnchecked(next);
                }}
                label={`#${s.number} ${s.subject} — ${s.mailboxName}${s.sameModule ? ` (${m.sameModule})` : ''}`}
              />
            ))}
            {chosen.length > 0 && (
              <Group>
                <Button size="xs" loading={link.isPending} onClick={() => link.mutate(chosen)}>
                  {m.link(chosen.length)}
                </Button>
              </Group>
            )}
            <ApiErrorAlert error={link.error} />
          </Stack>
        )}
        <Title order={3} fz="sm">
          {m.linked}
        </Title>
        {(detail.data?.tickets.length ?? 0) === 0 ? (
          <Text size="sm">{m.noLinked}</Text>
        ) : (
          <Table withTableBorder striped verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {(detail.data?.tickets ?? []).map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>{ticketLink(t.number, t.subject)}</Table.Td>
                  <Table.Td>{t.mailboxName}</Table.Td>
                  <Table.Td>
                    {t.linkedByGuichet && <Badge variant="light">{m.byGuichet}</Badge>}{' '}
                    {t.answered && (
                      <Badge variant="light" color="green">
                        {m.answered}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!incident.resolvedAt && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => unlink.mutate(t.id)}
                      >
                        {m.unlink}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {supervisor && !incident.resolvedAt && (
          <>
            <MessageForm
              title={m.answerAll}
              hint={m.answerHint}
              action={m.send}
              onSend={answer('answer')}
            />
            <MessageForm
              title={m.resolve}
              hint={m.resolveHint}
              action={m.resolveSend}
              onSend={answer('resolve')}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
