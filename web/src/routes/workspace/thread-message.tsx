/**
 * One message of the thread (customer mail, reply, note, call): author and
 * date, the call's summary, the body (HTML in a sandboxed frame, else text),
 * attachments, the rating, and "split" when it may leave for a new ticket.
 */
import { Anchor, Box, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { ThreadItemDto } from '@shared/workspace-contracts.ts';
import { HtmlBody } from './html-body.tsx';
import { MessageFlags } from './message-flags.tsx';
import { callMinutes, sizeInKo, threadBackground } from './ticket-format.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function ThreadMessage({
  item,
  onSplit,
  splitting,
}: {
  item: ThreadItemDto;
  /** Splits this message off; absent when it may not be split. */
  onSplit: (() => void) | undefined;
  splitting: boolean;
}) {
  const t = useWorkspaceI18n();
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      data-kind={item.kind}
      style={{ background: threadBackground(item.kind) }}
    >
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600} size="sm">
          {[t.kinds[item.kind], item.author ?? item.fromAddress].filter(Boolean).join(' · ')}
        </Text>
        <Text size="sm" c="dimmed">
          {new Date(item.createdAt).toLocaleString()}
        </Text>
      </Group>
      <MessageFlags flags={item.flags} onSplit={onSplit} splitting={splitting} />
      {item.kind === 'phone' && (
        <Text size="sm">
          {t.callSummary(item.callDirection ?? 'inbound', callMinutes(item.callDurationSeconds))}
        </Text>
      )}
      {item.masked.length > 0 && (
        <Text size="xs" c="orange.9">
          {t.maskedNotice}
        </Text>
      )}
      {item.bodyHtml ? (
        <HtmlBody html={item.bodyHtml} title={`${t.kinds[item.kind]} ${item.id}`} />
      ) : (
        <Text style={{ whiteSpace: 'pre-wrap' }} mt="xs">
          {item.bodyText}
        </Text>
      )}
      {item.attachments.length > 0 && (
        <Box mt="xs">
          <Text size="sm" fw={600}>
            {t.attachments}
          </Text>
          <Group gap="sm">
            {item.attachments.map((a) => (
              <Stack key={a.id} gap={2}>
                {a.isImage && (
                  <img
                    src={`/api/attachments/${a.id}?inline=1`}
                    alt={a.filename}
                    style={{ maxWidth: 160, maxHeight: 120 }}
                  />
                )}
                <Anchor href={`/api/attachments/${a.id}`} download={a.filename} size="sm">
                  {t.download} {a.filename} ({sizeInKo(a.sizeBytes)} Ko)
                </Anchor>
              </Stack>
            ))}
          </Group>
        </Box>
      )}
      {item.rating && (
        <Text size="sm" mt="xs">
          {t.ratingLabel} : {t.rating[item.rating.level]}
          {item.rating.comment ? ` — ${item.rating.comment}` : ''}
        </Text>
      )}
      {onSplit && !item.flags?.stranger && (
        <Button size="xs" variant="subtle" mt="xs" onClick={onSplit} loading={splitting}>
          {t.split}
        </Button>
      )}
    </Paper>
  );
}
