/** The inbox's list of tickets (one page after another), with its loading and empty states. */
import { Alert, Box, Loader, Text } from '@mantine/core';
import type { TicketSummaryDto } from '@shared/workspace-contracts.ts';
import type { RefObject } from 'react';
import { TicketRow } from './ticket-row.tsx';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function TicketList(props: {
  listRef: RefObject<HTMLUListElement | null>;
  status: { isPending: boolean; isSuccess: boolean; error: Error | null };
  tickets: TicketSummaryDto[];
  cursor: number;
  /** The number of the ticket open beside the list, if any. */
  openNumber: number | null;
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
  onFocusRow: (index: number) => void;
}) {
  const t = useWorkspaceI18n();
  const { status, tickets } = props;
  return (
    <>
      {status.isPending && <Loader aria-label={t.loading} role="status" m="sm" size="sm" />}
      {status.error && (
        <Alert color="red" role="alert" m="xs">
          {status.error.message}
        </Alert>
      )}
      {status.isSuccess && tickets.length === 0 && (
        <Text p="sm" c="dimmed">
          {t.noTickets}
        </Text>
      )}
      <Box
        component="ul"
        ref={props.listRef}
        aria-label={t.inboxTitle}
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {tickets.map((ticket, index) => (
          <TicketRow
            key={ticket.id}
            ticket={ticket}
            current={index === props.cursor}
            open={ticket.number === props.openNumber}
            selected={props.selected.has(ticket.id)}
            onToggle={() => props.onToggle(ticket.id)}
            onFocus={() => props.onFocusRow(index)}
          />
        ))}
      </Box>
    </>
  );
}
