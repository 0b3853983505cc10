/**
 * The error of a ticket change: when another agent changed the ticket first
 * (409 `stale_ticket`, issue 16 §7), says who changed what, while the page
 * reloads the ticket, and offers to apply the change again; any other error as
 * its message.
 */
import { Alert, Button, Text } from '@mantine/core';
import { describeStaleChanges, staleChangesOf } from './stale-change.ts';
import { useTicketNoticeI18n } from './ticket-notices-i18n.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function ChangeError({
  error,
  onReapply,
  pending = false,
}: {
  error: Error;
  /** Sends the refused change again (at the reloaded ticket's version). */
  onReapply?: () => void;
  pending?: boolean;
}) {
  const t = useTicketNoticeI18n();
  const { statuses } = useWorkspaceI18n();
  const changes = staleChangesOf(error);
  if (changes === null)
    return (
      <Alert color="red" role="alert">
        {error.message}
      </Alert>
    );
  return (
    <Alert color="orange" role="alert" title={t.staleTitle} data-testid="stale-change">
      <Text size="sm">{describeStaleChanges(changes, t, statuses)}</Text>
      {onReapply && (
        <Button size="xs" mt="xs" variant="default" onClick={onReapply} loading={pending}>
          {t.reapply}
        </Button>
      )}
    </Alert>
  );
}
