/**
 * The top of the ticket screen: back to the list, the shortcuts hint, the
 * number and subject, status and mailbox badges, and who else is here.
 */
import { Alert, Anchor, Badge, Group, Text, Title } from '@mantine/core';
import type { PresenceDto, TicketViewDto } from '@shared/workspace-contracts.ts';
import { DueTime } from '../../components/due-time/due-time.tsx';
import { navigate } from '../../router.ts';
import { TicketWaits } from '../notifications/ticket-waits.tsx';
import { presenceNames } from './ticket-format.ts';
import { lastListHref } from './ticket-order.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function TicketHeader({
  ticket,
  others,
}: {
  ticket: TicketViewDto['ticket'];
  others: PresenceDto['others'];
}) {
  const t = useWorkspaceI18n();
  const { typers, viewers } = presenceNames(others);
  return (
    <>
      <Group justify="space-between" wrap="wrap">
        <Anchor
          href={lastListHref()}
          onClick={(event) => {
            event.preventDefault();
            navigate(lastListHref());
          }}
        >
          ← {t.backToInbox}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t.shortcutsHint}
        </Text>
      </Group>
      <Title order={1} fz="h3">
        {t.ticketHeading(ticket.number, ticket.subject || '—')}
      </Title>
      <Group gap="xs">
        <Badge>{t.statuses[ticket.status]}</Badge>
        <Badge variant="outline">{ticket.mailboxName}</Badge>
        <DueTime due={ticket.due} />
        <TicketWaits ticket={ticket} />
        {ticket.mergedIntoNumber !== null && (
          <Anchor href={`/tickets/${ticket.mergedIntoNumber}`}>→ #{ticket.mergedIntoNumber}</Anchor>
        )}
      </Group>
      <div aria-live="polite">
        {typers.length > 0 && (
          <Alert color="orange" role="status">
            {t.presenceTyping(typers.join(', '))}
          </Alert>
        )}
        {viewers.length > 0 && (
          <Alert color="blue" role="status">
            {t.presenceViewing(viewers.join(', '))}
          </Alert>
        )}
      </div>
    </>
  );
}
