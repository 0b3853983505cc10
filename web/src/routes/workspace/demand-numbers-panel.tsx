/**
 * The ticket's numéros uniques (issue 20 §3): chips (read in a message or added
 * by hand, each removable), a field to add one as written, and the other tickets
 * about the same demands.
 */
import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { DemandNumbersDto } from '@shared/demand-number-contracts.ts';
import { formatNumeroUnique } from '@shared/numero-unique.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, request } from '../../api/client.ts';
import { navigate } from '../../router.ts';
import { useDemandNumberI18n } from './demand-numbers-i18n.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

const path = (ticketId: number) => `/api/tickets/${ticketId}/demand-numbers`;

/** `messageCount`: the thread's length, so a new message (maybe with a number) reloads the panel. */
export function DemandNumbersPanel({
  ticketId,
  messageCount,
}: {
  ticketId: number;
  messageCount: number;
}) {
  const t = useDemandNumberI18n();
  const w = useWorkspaceI18n();
  const queryClient = useQueryClient();
  const key = ['demand-numbers', ticketId, messageCount];
  const numbers = useQuery({
    queryKey: key,
    queryFn: () => request<DemandNumbersDto>('GET', path(ticketId)),
  });
  const [draft, setDraft] = useState('');
  const reload = () => queryClient.invalidateQueries({ queryKey: ['demand-numbers', ticketId] });
  const add = useMutation({
    mutationFn: (numero: string) => request<{ numero: string }>('POST', path(ticketId), { numero }),
    onSuccess: () => {
      setDraft('');
      void reload();
    },
  });
  const remove = useMutation({
    mutationFn: (numero: string) => request('DELETE', `${path(ticketId)}/${numero}`),
    onSuccess: () => void reload(),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) add.mutate(draft.trim());
  };
  const error = add.error ?? remove.error;
  const data = numbers.data;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="demand-numbers-heading">
      <Title order={2} fz="h4" id="demand-numbers-heading" mb="xs">
        {t.title}
      </Title>
      {data && data.numbers.length === 0 && (
        <Text size="sm" c="dimmed">
          {t.none}
        </Text>
      )}
      <Group gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {data?.numbers.map((n) => (
          <li key={n.numero}>
            <Badge
              variant="light"
              size="md"
              radius="sm"
              title={n.source === 'agent' ? t.byAgent : t.fromText}
              styles={{
                root: { fontFamily: 'var(--mantine-font-family-monospace)', textTransform: 'none' },
                label: { overflow: 'visible' },
              }}
              rightSection={
                <ActionIcon
                  size="xs"
                  variant="transparent"
                  aria-label={t.remove(formatNumeroUnique(n.numero))}
                  onClick={() => remove.mutate(n.numero)}
                >
                  ×
                </ActionIcon>
              }
            >
              {formatNumeroUnique(n.numero)}
            </Badge>
          </li>
        ))}
      </Group>
      <Box component="form" onSubmit={submit} mt="xs">
        <TextInput
          size="xs"
          label={t.addLabel}
          placeholder={t.addPlaceholder}
          value={draft}
          maxLength={64}
          onChange={(event) => setDraft(event.currentTarget.value)}
          error={error ? (error instanceof ApiError ? error.message : t.failed) : undefined}
          rightSectionWidth={72}
          rightSection={
            <Button size="compact-xs" type="submit" variant="default" loading={add.isPending}>
              {t.add}
            </Button>
          }
        />
      </Box>
      {data && data.numbers.length > 0 && (
        <Stack gap={2} mt="sm">
          <Title order={3} fz="sm">
            {t.sameDemand}
          </Title>
          {data.sameDemand.length === 0 ? (
            <Text size="sm">{t.noSameDemand}</Text>
          ) : (
            <Box component="ul" pl="md" m={0}>
              {data.sameDemand.map((other) => (
                <li key={other.id}>
                  <Anchor
                    href={`/tickets/${other.number}`}
                    size="sm"
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(`/tickets/${other.number}`);
                    }}
                  >
                    #{other.number} {other.subject}
                  </Anchor>{' '}
                  <Text component="span" size="xs" c="dimmed">
                    ({other.mailboxName}, {w.statuses[other.status]})
                  </Text>
                </li>
              ))}
            </Box>
          )}
        </Stack>
      )}
    </Paper>
  );
}
