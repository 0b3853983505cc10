/** The delivery log of one webhook: its newest attempts (response code, duration, error). */
import { Badge, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { isTicketEventType } from '@shared/ticket-events.ts';
import type { WebhookDto } from '@shared/webhook-contracts.ts';
import { useQuery } from '@tanstack/react-query';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { webhooksApi } from './webhooks-api.ts';
import type { WebhookMessages } from './webhooks-i18n.ts';

const statusColor = { pending: 'orange', delivered: 'green', failed: 'red' } as const;

export function WebhookLog(props: {
  webhook: WebhookDto;
  m: WebhookMessages;
  format: Intl.DateTimeFormat;
}) {
  const { webhook, m, format } = props;
  const log = useQuery({
    queryKey: ['webhooks', webhook.id, 'log'],
    queryFn: () => webhooksApi.log(webhook.id),
  });
  const eventLabel = (type: string) => (isTicketEventType(type) ? m.eventLabels[type] : m.test);
  return (
    <Paper withBorder p="md" aria-label={m.logHeading(webhook.name)}>
      <Title order={2} size="h4" mb="sm">
        {m.logHeading(webhook.name)}
      </Title>
      {log.isPending ? (
        <Loader size="sm" />
      ) : log.isError ? (
        <ApiErrorAlert error={log.error} />
      ) : log.data.attempts.length === 0 ? (
        <Text>{m.logEmpty}</Text>
      ) : (
        <Table striped withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              {Object.values(m.logColumns).map((label) => (
                <Table.Th key={label}>{label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.data.attempts.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{format.format(new Date(a.at))}</Table.Td>
                <Table.Td>{eventLabel(a.type)}</Table.Td>
                <Table.Td>{a.ticketNumber === null ? '—' : `#${a.ticketNumber}`}</Table.Td>
                <Table.Td>{a.statusCode ?? m.noResponse}</Table.Td>
                <Table.Td>{a.durationMs} ms</Table.Td>
                <Table.Td>{a.error ?? ''}</Table.Td>
                <Table.Td>
                  <Badge color={statusColor[a.deliveryStatus]} variant="light">
                    {m.deliveryStatus[a.deliveryStatus]}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
