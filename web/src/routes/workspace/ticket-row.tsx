/**
 * One ticket of the inbox list: its checkbox and its link (j/k focus it) with
 * the number, subject and date, then who, status, assignee and the preview.
 * Comfortable: two lines; compact (the agent's density): one line.
 */
import { Box, Checkbox, Group, Text } from '@mantine/core';
import type { TicketSummaryDto } from '@shared/workspace-contracts.ts';
import { DueTime } from '../../components/due-time/due-time.tsx';
import { navigate } from '../../router.ts';
import { useDensity } from '../../shell/preferences.ts';
import { WaitBadges } from '../notifications/ticket-waits.tsx';
import { contactLabel, shortDate } from './ticket-format.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function TicketRow(props: {
  ticket: TicketSummaryDto;
  current: boolean;
  /** The ticket open beside the list. */
  open: boolean;
  selected: boolean;
  onToggle: () => void;
  onFocus: () => void;
}) {
  const t = useWorkspaceI18n();
  const compact = useDensity() === 'compact';
  const { ticket } = props;
  const href = `/tickets/${ticket.number}`;
  const who = contactLabel(ticket.contact);
  const meta = [
    ticket.organisationName,
    t.statuses[ticket.status],
    ticket.assignee?.name ?? t.unassignedShort,
    ticket.tags.length > 0 ? ticket.tags.join(', ') : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box
      component="li"
      py={compact ? 2 : 6}
      px="xs"
      data-open={props.open ? 'true' : undefined}
      style={{
        borderBottom: '1px solid var(--mantine-color-default-border)',
        borderLeft: `3px solid ${props.open ? 'var(--mantine-primary-color-filled)' : 'transparent'}`,
        background: props.open
          ? 'var(--mantine-primary-color-light)'
          : props.current
            ? 'var(--mantine-color-default-hover)'
            : undefined,
      }}
    >
      <Group wrap="nowrap" align={compact ? 'center' : 'flex-start'} gap="xs">
        <Checkbox
          size="xs"
          mt={compact ? 0 : 3}
          checked={props.selected}
          onChange={props.onToggle}
          aria-label={t.selectTicket(ticket.number)}
        />
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text
              component="a"
              href={href}
              data-ticket={ticket.id}
              aria-current={props.open ? 'page' : undefined}
              onFocus={props.onFocus}
              onClick={(event) => {
                if (event.button !== 0 || event.ctrlKey || event.metaKey) return;
                event.preventDefault();
                navigate(href);
              }}
              size="sm"
              fw={600}
              truncate="end"
              c="var(--mantine-color-text)"
              style={{ minWidth: 0, flex: 1 }}
              // A long subject is cut to one line: the whole of it on hover.
              title={ticket.subject || undefined}
            >
              #{ticket.number} {ticket.subject || '—'}
            </Text>
            {compact && (
              // The subject comes first: the contact gets what is left, a quarter at most.
              <Text size="xs" c="dimmed" truncate="end" maw="24%" style={{ flexShrink: 1 }}>
                {who}
              </Text>
            )}
            <DueTime due={ticket.due} />
            <WaitBadges snoozedUntil={ticket.snoozedUntil} followUp={ticket.followUp} />
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {shortDate(ticket.lastMessageAt)}
            </Text>
          </Group>
          {!compact && (
            <Text size="xs" c="dimmed" truncate="end">
              {[who, meta].filter(Boolean).join(' · ')}
              {ticket.preview ? ` — ${ticket.preview}` : ''}
            </Text>
          )}
        </Box>
      </Group>
    </Box>
  );
}
