/**
 * What intake noticed about a mail (issue 16 §11), under its header: a sender
 * unknown to the ticket (threaded in by its headers) with a one-click split into
 * a new ticket, a Reply-To other than the sender, an automatic message, an
 * Outlook winmail.dat attachment. Nothing when the mail has none.
 */
import { Badge, Button, Group, Text } from '@mantine/core';
import type { MessageFlagsDto } from '@shared/workspace-contracts.ts';
import { useTicketNoticeI18n } from './ticket-notices-i18n.ts';

/** Whether a message has any flag to show. */
export const hasFlags = (flags: MessageFlagsDto | undefined): flags is MessageFlagsDto =>
  flags !== undefined &&
  (flags.stranger || flags.replyTo !== null || flags.automatic !== null || flags.winmailDat);

export function MessageFlags({
  flags,
  onSplit,
  splitting,
}: {
  flags: MessageFlagsDto | undefined;
  /** Splits the message off; absent when it may not be split. */
  onSplit: (() => void) | undefined;
  splitting: boolean;
}) {
  const t = useTicketNoticeI18n();
  if (!hasFlags(flags)) return null;
  return (
    <Group gap="xs" mt={4} wrap="wrap" aria-label={t.flagsLabel} role="group">
      {flags.stranger && (
        <>
          <Badge
            color="orange"
            variant="light"
            title={t.strangerHint}
            style={{ textTransform: 'none' }}
          >
            {t.stranger}
          </Badge>
          {onSplit && (
            <Button
              size="compact-xs"
              variant="light"
              color="orange"
              onClick={onSplit}
              loading={splitting}
            >
              {t.splitStranger}
            </Button>
          )}
        </>
      )}
      {flags.replyTo !== null && (
        <Text size="xs" c="dark.6">
          {t.replyTo(flags.replyTo)}
        </Text>
      )}
      {flags.automatic !== null && (
        <Badge color="gray" variant="light" style={{ textTransform: 'none' }}>
          {t.automatic}
        </Badge>
      )}
      {flags.winmailDat && (
        <Badge color="gray" variant="light" style={{ textTransform: 'none' }}>
          {t.winmailDat}
        </Badge>
      )}
    </Group>
  );
}
