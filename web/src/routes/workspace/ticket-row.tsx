/** One ticket of the inbox list: its checkbox, its link (j/k focus it), who, status, preview. */
import { Box, Checkbox, Group, Text } from '@mantine/core';
import type { TicketSummaryDto } from '@shared/workspace-contracts.ts';
import { DueTime } from '../../components/due-time/due-time.tsx';
import { navigate } from '../../router.ts';
import { contactLabel } from './ticket-format.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function TicketRow(props: {
  ticket: TicketSummaryDto;
  current: boolean;
  selected: boolean;
  onToggle: () => void;
  onFocus: () => void;
}) {
  const t = useWorkspaceI18n();
  const { ticket } = props;
  return (
    <Box
      component="li"
      py="xs"
      px="sm"
      style={{
        borderBottom: '1px solid var(--mantine-color-gray-3)',
        background: props.current ? 'var(--mantine-color-blue-0)' : undefined,
      }}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Checkbox
          mt={4}
          checked={props.selected}
          onChange={props.onToggle}
          aria-label={t.selectTicket(ticket.number)}
        />
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <a
              href={`/tickets/${ticket.id}`}
              data-ticket={ticket.id}
              onFocus={props.onFocus}
              onClick={(event) => {
                if (event.button !== 0 || event.ctrlKey || event.metaKey) return;
                event.preventDefault();
                navigate(`/tickets/${ticket.id}`);
              }}
              style={{ fontWeight: 600, color: 'var(--mantine-color-blue-9)' }}
            >
              #{ticket.number} {ticket.subject || '—'}
            </a>
            <Group gap="xs" wrap="nowrap">
              <DueTime due={ticket.due} />
              <Text size="sm" c="dark.6">
                {new Date(ticket.lastMessageAt).toLocaleString()}
              </Text>
            </Group>
          </Group>
          <Text size="sm" c="dark.6">
            {contactLabel(ticket.contact)}
            {ticket.organisationName ? ` · ${ticket.organisationName}` : ''} ·{' '}
            {t.statuses[ticket.status]} · {ticket.assignee?.name ?? t.unassignedShort}
            {ticket.tags.length > 0 ? ` · ${ticket.tags.join(', ')}` : ''}
          </Text>
          <Text size="sm" c="dark.5" lineClamp={1}>
            {ticket.preview}
          </Text>
        </Box>
      </Group>
    </Box>
  );
}
