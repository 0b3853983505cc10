/**
 * A partner's own view (issue 21 §5): their organisation's tickets, the chosen
 * ticket's thread (no internal notes: the server never sends them) and a form to
 * write on it. Shown instead of the agents' shell to a viewer attached to an
 * organisation (partner-gate.tsx).
 */
import {
  Alert,
  Badge,
  Button,
  Container,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
  UnstyledButton,
} from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import type { PartnerTicketDto, PartnerTicketListDto } from '@shared/partner-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, isUnauthenticated, request } from '../../api/client.ts';
import { clearSession } from '../../session.ts';
import { usePartnerI18n } from './partner-i18n.ts';

export const partnerTicketsKey = ['partner', 'tickets'] as const;

const when = (iso: string, language: string) =>
  new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  });

function Thread({ number }: { number: number }) {
  const { p, language } = usePartnerI18n();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const ticket = useQuery({
    queryKey: ['partner', 'ticket', number],
    queryFn: () => request<PartnerTicketDto>('GET', `/api/partner/tickets/${number}`),
  });
  const send = useMutation({
    mutationFn: () =>
      request<{ messageId: number }>('POST', `/api/partner/tickets/${number}/replies`, { text }),
    onSuccess: async () => {
      setText('');
      await queryClient.invalidateQueries({ queryKey: ['partner'] });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!send.isPending && text.trim() !== '') send.mutate();
  };
  if (ticket.isError)
    return (
      <Alert color="red" role="alert">
        {p.loadFailed}
      </Alert>
    );
  if (!ticket.data) return null;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          #{ticket.data.number} — {ticket.data.subject}
        </Title>
        <Badge variant="light">{p.status[ticket.data.status]}</Badge>
      </Group>
      {ticket.data.messages.map((m) => (
        <Paper
          key={m.id}
          withBorder
          p="sm"
          bg={m.direction === 'from_desk' ? 'var(--mantine-color-blue-light)' : undefined}
        >
          <Text size="xs" c="dimmed">
            {m.direction === 'from_desk' ? p.fromDesk : p.fromPartner} ·{' '}
            {when(m.createdAt, language)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {m.bodyText}
          </Text>
        </Paper>
      ))}
      <form onSubmit={onSubmit}>
        <Stack gap="xs">
          {send.isError && (
            <Alert color="red" role="alert">
              {p.sendFailed}
            </Alert>
          )}
          <Textarea
            label={p.replyLabel}
            autosize
            minRows={3}
            maxLength={20_000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Group>
            <Button type="submit" aria-busy={send.isPending}>
              {p.send}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

export function PartnerPage({
  session,
  list,
}: {
  session: SessionDto;
  list: PartnerTicketListDto;
}) {
  const { p, language } = usePartnerI18n();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<number | null>(null);
  const logout = useMutation({
    mutationFn: () => api.logout(),
    onSuccess: () => clearSession(queryClient),
    onError: (error) => {
      if (isUnauthenticated(error)) clearSession(queryClient);
    },
  });
  return (
    <Container size="lg" py="md" component="main">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={1} size="h3">
            {p.heading(list.organisation.name)}
          </Title>
          <Group gap="sm">
            <Text size="sm">{session.user.email}</Text>
            <Button variant="default" size="xs" onClick={() => logout.mutate()}>
              {p.logout}
            </Button>
          </Group>
        </Group>
        <Group align="flex-start" wrap="nowrap" gap="lg">
          <Stack component="nav" aria-label={p.ticketsHeading} w={320} gap="xs">
            <Title order={2} size="h5">
              {p.ticketsHeading}
            </Title>
            {list.tickets.length === 0 && <Text size="sm">{p.none}</Text>}
            {list.tickets.map((t) => (
              <UnstyledButton
                key={t.number}
                onClick={() => setChosen(t.number)}
                aria-current={chosen === t.number || undefined}
              >
                <Paper
                  withBorder
                  p="xs"
                  bg={chosen === t.number ? 'var(--mantine-color-gray-light)' : undefined}
                >
                  <Text size="sm" fw={600}>
                    #{t.number} — {t.subject}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {p.status[t.status]} · {when(t.lastMessageAt, language)}
                  </Text>
                </Paper>
              </UnstyledButton>
            ))}
          </Stack>
          <Stack style={{ flex: 1 }}>
            {chosen === null ? (
              <Text c="dimmed">{p.choose}</Text>
            ) : (
              <Thread key={chosen} number={chosen} />
            )}
          </Stack>
        </Group>
      </Stack>
    </Container>
  );
}
