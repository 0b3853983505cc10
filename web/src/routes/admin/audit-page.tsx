/**
 * The audit log (supervisors and administrators): filters in a form, events
 * newest first, "show more" asks for the next keyset page. Loaded on demand.
 */
import {
  Alert,
  Button,
  Code,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { AuditEventDto } from '@shared/contracts.ts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { adminApi } from '../../api/admin.ts';
import { isApiError } from '../../api/client.ts';
import { LoadMoreButton } from '../../components/load-more-button.tsx';
import { TableHead } from '../../components/table-head.tsx';
import { useAdminI18n } from './admin-i18n.ts';
import { auditActionLabel, auditFamilies, auditTargetLabel } from './audit-labels.ts';

type Filters = {
  actor: string;
  action: string;
  target: string;
  from: string;
  to: string;
  q: string;
};
const emptyFilters: Filters = { actor: '', action: '', target: '', from: '', to: '', q: '' };

function queryOf(filters: Filters, before: number | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters))
    if (value.trim()) params.set(key, value.trim());
  if (before !== null) params.set('before', String(before));
  return params.toString();
}

const actorText = (event: AuditEventDto): string =>
  event.actor.email ?? event.actor.label ?? event.actor.id ?? '—';

export function AuditPage() {
  const { a, language } = useAdminI18n();
  const lang = language === 'en' ? 'en' : 'fr';
  const [draft, setDraft] = useState<Filters>(emptyFilters);
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const events = useInfiniteQuery({
    queryKey: ['admin', 'audit', filters],
    queryFn: ({ pageParam }) => adminApi.audit(queryOf(filters, pageParam)),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    staleTime: 0,
  });
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  const dateFormat = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  const field = (key: keyof Filters) => ({
    value: draft[key],
    onChange: (e: { currentTarget: { value: string } }) =>
      setDraft({ ...draft, [key]: e.currentTarget.value }),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilters(draft);
  };

  return (
    <Stack gap="lg">
      <Title order={1}>{a.auditTitle}</Title>
      <Paper component="form" withBorder p="md" onSubmit={onSubmit} aria-labelledby="audit-filters">
        <Stack gap="sm">
          <Title order={2} size="h4" id="audit-filters">
            {a.auditFilters}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={a.actorLabel} {...field('actor')} />
            <NativeSelect
              label={a.actionFamilyLabel}
              rightSectionProps={{ 'aria-hidden': true }}
              {...field('action')}
            >
              <option value="">{a.actionFamilyAll}</option>
              {auditFamilies.map((family) => (
                <option key={family.prefix} value={family.prefix}>
                  {family.words[lang]}
                </option>
              ))}
            </NativeSelect>
            <TextInput label={a.targetLabel} {...field('target')} />
            <TextInput type="date" label={a.fromLabel} {...field('from')} />
            <TextInput type="date" label={a.toLabel} {...field('to')} />
            <TextInput label={a.textLabel} {...field('q')} />
          </SimpleGrid>
          <Group>
            <Button type="submit">{a.search}</Button>
            <Button
              variant="default"
              onClick={() => {
                setDraft(emptyFilters);
                setFilters(emptyFilters);
              }}
            >
              {a.reset}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {events.isPending && <Loader aria-label="…" role="status" />}
      {events.isError && (
        <Alert color="red" role="alert">
          {isApiError(events.error) && events.error.status === 400
            ? events.error.message
            : a.loadFailed}
        </Alert>
      )}
      {events.isSuccess && rows.length === 0 && <Text>{a.noEvents}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table withTableBorder verticalSpacing="xs" aria-label={a.auditTitle}>
            <TableHead
              columns={[
                a.auditColumns.at,
                a.auditColumns.actor,
                a.auditColumns.action,
                a.auditColumns.target,
                a.auditColumns.ip,
                a.auditColumns.details,
              ]}
            />
            <Table.Tbody>
              {rows.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {dateFormat.format(new Date(event.at))}
                  </Table.Td>
                  <Table.Td>{actorText(event)}</Table.Td>
                  <Table.Td>{auditActionLabel(event.action, lang)}</Table.Td>
                  <Table.Td>{auditTargetLabel(event, lang)}</Table.Td>
                  <Table.Td>{event.ip ?? '—'}</Table.Td>
                  <Table.Td>
                    {Object.keys(event.details).length > 0 ? (
                      // The stored record, for whoever investigates: folded away.
                      <details>
                        <summary>{a.technicalDetails}</summary>
                        <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                          {`${event.action}\n${JSON.stringify(event.details)}`}
                        </Code>
                      </details>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMoreButton query={events} />
    </Stack>
  );
}
