/** The ticket's thread in order: events as one line, messages as cards; "split" on customer mails. */
import { Alert, Anchor, Box, Stack, Text } from '@mantine/core';
import type { ThreadItemDto } from '@shared/workspace-contracts.ts';
import { useMutation } from '@tanstack/react-query';
import { MessageFlags } from './message-flags.tsx';
import { ThreadMessage } from './thread-message.tsx';
import { canSplit, eventData } from './ticket-format.ts';
import { workspaceApi } from './workspace-api.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function Thread({ items, onSplit }: { items: ThreadItemDto[]; onSplit: () => void }) {
  const t = useWorkspaceI18n();
  const splittable = canSplit(items);
  const split = useMutation({
    mutationFn: workspaceApi.split,
    onSuccess: () => onSplit(),
  });
  return (
    <Stack
      component="ol"
      aria-label={t.thread}
      gap="sm"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {split.isSuccess && (
        <Alert color="green" role="status">
          {t.splitDone(split.data.number)}{' '}
          <Anchor href={`/tickets/${split.data.number}`}>#{split.data.number}</Anchor>
        </Alert>
      )}
      {items.map((item) =>
        item.kind === 'event' ? (
          <Box component="li" key={item.id}>
            <Text size="sm" c="dimmed" fs="italic">
              {new Date(item.createdAt).toLocaleString()} · {item.author ? `${item.author} · ` : ''}
              {t.event(item.eventType ?? '', eventData(item, t.statuses))}
            </Text>
            <MessageFlags flags={item.flags} onSplit={undefined} splitting={false} />
          </Box>
        ) : (
          <ThreadMessage
            key={item.id}
            item={item}
            onSplit={
              item.kind === 'customer' && splittable ? () => split.mutate(item.id) : undefined
            }
            splitting={split.isPending}
          />
        ),
      )}
    </Stack>
  );
}
