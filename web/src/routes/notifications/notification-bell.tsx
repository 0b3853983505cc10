/**
 * The bell in the header (issue 18 §4): the unread count, the latest
 * notifications in a popover (each opens its ticket and is marked read),
 * "Tout marquer comme lu". The list is read again on every `notification`
 * event of the live stream (use-live.ts); what arrives while the page is open
 * also shows as a desktop notification when the user allows it (the browser's
 * permission, asked from a click in the popover, and their choice on the
 * profile page). Agents and above.
 */
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import type { NotificationDto } from '@shared/notification-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { mayOpen } from '../../app-routes.ts';
import { navigate } from '../../router.ts';
import { newDesktopState, toShow } from './desktop-notify.ts';
import {
  notificationPreferencesKey,
  notificationsApi,
  notificationsKey,
} from './notifications-api.ts';
import { useNotificationsI18n } from './notifications-i18n.ts';

const desktopAvailable = () => typeof window !== 'undefined' && 'Notification' in window;

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="M6 9a6 6 0 1 1 12 0c0 5 2 6.5 2 6.5H4S6 14 6 9Zm4 9.5a2 2 0 0 0 4 0"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** Shows the new notifications on the desktop while the page is open. */
function useDesktopNotifications(items: NotificationDto[] | undefined, enabled: boolean) {
  const n = useNotificationsI18n();
  const state = useRef(newDesktopState());
  useEffect(() => {
    if (!items) return;
    const fresh = toShow(state.current, items);
    if (!enabled || !desktopAvailable() || Notification.permission !== 'granted') return;
    for (const item of fresh.slice(0, 3)) {
      const shown = new Notification(n.headline(item), {
        body: `#${item.ticket.number} ${item.ticket.subject}`,
        tag: `guichet-notification-${item.id}`,
      });
      shown.onclick = () => {
        window.focus();
        navigate(`/tickets/${item.ticket.number}`);
        shown.close();
      };
    }
  }, [items, enabled, n]);
}

export function NotificationBell({ session }: { session: SessionDto }) {
  const allowed = mayOpen(session.user.role, 'agent');
  const n = useNotificationsI18n();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [permission, setPermission] = useState(() =>
    desktopAvailable() ? Notification.permission : 'denied',
  );
  const list = useQuery({
    queryKey: notificationsKey,
    queryFn: () => notificationsApi.list(),
    enabled: allowed,
    refetchInterval: 120_000,
  });
  const preferences = useQuery({
    queryKey: notificationPreferencesKey,
    queryFn: () => notificationsApi.preferences(),
    enabled: allowed,
  });
  useDesktopNotifications(list.data?.items, preferences.data?.desktop ?? true);
  const markRead = useMutation({
    mutationFn: (which: { ids: number[] } | { all: true }) => notificationsApi.markRead(which),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
  if (!allowed) return null;
  const unread = list.data?.unread ?? 0;
  const open = (item: NotificationDto) => {
    if (!item.read) markRead.mutate({ ids: [item.id] });
    setOpened(false);
    navigate(`/tickets/${item.ticket.number}`);
  };
  const askPermission = () => {
    void Notification.requestPermission().then(setPermission);
  };
  return (
    // The popover's target is the button itself: the aria-expanded it adds belongs there.
    <Indicator
      disabled={unread === 0}
      label={unread > 99 ? '99+' : String(unread)}
      size={16}
      color="red"
      offset={4}
    >
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md">
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={n.bell(unread)}
            data-unread={unread}
            onClick={() => setOpened((o) => !o)}
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p="xs">
          <Stack gap={6} role="region" aria-label={n.heading}>
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600} size="sm">
                {n.heading}
              </Text>
              <Button
                size="compact-xs"
                variant="subtle"
                disabled={unread === 0 || markRead.isPending}
                onClick={() => markRead.mutate({ all: true })}
              >
                {n.markAllRead}
              </Button>
            </Group>
            {list.isError && (
              <Alert color="red" role="alert" py={4}>
                {n.loadFailed}
              </Alert>
            )}
            {list.data?.items.length === 0 && (
              <Text size="sm" c="dimmed">
                {n.empty}
              </Text>
            )}
            <ScrollArea.Autosize mah={420}>
              <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                {list.data?.items.map((item) => (
                  <li key={item.id}>
                    <UnstyledButton
                      onClick={() => open(item)}
                      w="100%"
                      p={6}
                      style={{ borderRadius: 4 }}
                      bg={item.read ? undefined : 'var(--mantine-color-blue-light)'}
                      data-notification-kind={item.kind}
                    >
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Text size="sm" fw={item.read ? 400 : 600} lineClamp={1}>
                          {n.headline(item)}
                        </Text>
                        {!item.read && (
                          <Badge size="xs" variant="light">
                            {n.unreadBadge}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {`#${item.ticket.number} · ${item.ticket.subject}`}
                      </Text>
                    </UnstyledButton>
                  </li>
                ))}
              </Stack>
            </ScrollArea.Autosize>
            {desktopAvailable() && permission === 'default' && (
              <Anchor component="button" size="xs" onClick={askPermission}>
                {n.enableDesktop}
              </Anchor>
            )}
            {permission === 'denied' && desktopAvailable() && (
              <Text size="xs" c="dimmed">
                {n.desktopDenied}
              </Text>
            )}
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
