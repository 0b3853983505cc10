/**
 * The compact header of the signed-in app (one line, 48 px): the menu button
 * on a phone, the app's name, the live indicator, the header tools (a slot),
 * the user with their role, the language and "log out".
 */
import { Alert, Badge, Burger, Button, Group, Text, VisuallyHidden } from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isUnauthenticated } from '../api/client.ts';
import { useI18n } from '../i18n.ts';
import { LanguageSwitcher } from '../language-switcher.tsx';
import { followLink } from '../router.ts';
import { clearSession } from '../session.ts';
import { useShellI18n } from './shell-i18n.ts';
import { HeaderTools } from './shell-slots.tsx';

export function AppHeader(props: {
  session: SessionDto;
  menuOpened: boolean;
  onMenu: () => void;
  /** The live stream's state (agents and above), or null when there is none. */
  live: boolean | null;
}) {
  const { t } = useI18n();
  const s = useShellI18n();
  const queryClient = useQueryClient();
  const { user } = props.session;
  const logout = useMutation({
    mutationFn: () => api.logout(),
    onSuccess: () => clearSession(queryClient),
    onError: (error) => {
      // The session is already gone on the server: nothing left to close.
      if (isUnauthenticated(error)) clearSession(queryClient);
    },
  });

  return (
    <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="sm">
      <Group gap="xs" wrap="nowrap">
        <Burger
          opened={props.menuOpened}
          onClick={props.onMenu}
          hiddenFrom="sm"
          size="sm"
          aria-label={props.menuOpened ? s.closeMenu : s.openMenu}
        />
        <Text component="a" href="/" onClick={followLink} fw={700} fz="lg" c="inherit" td="none">
          {t.appName}
        </Text>
        {props.live !== null && (
          <Text size="xs" c="dimmed" data-live={props.live ? 'on' : 'off'} visibleFrom="sm">
            {props.live ? `● ${s.live}` : `○ ${s.liveOff}`}
          </Text>
        )}
      </Group>
      <Group gap="sm" wrap="nowrap">
        <HeaderTools session={props.session} />
        <Group gap={6} wrap="nowrap" visibleFrom="md">
          <Text size="sm" component="span">
            <VisuallyHidden>{`${t.signedInAs} `}</VisuallyHidden>
            <Text span fw={600} size="sm">
              {user.name}
            </Text>{' '}
            <Text span size="sm" c="dimmed">
              {user.email}
            </Text>
          </Text>
          <Badge variant="light" size="sm">
            <VisuallyHidden>{`${t.roleLabel} `}</VisuallyHidden>
            {t.roleNames[user.role]}
          </Badge>
        </Group>
        <LanguageSwitcher compact />
        <Button
          variant="default"
          size="xs"
          onClick={() => {
            if (!logout.isPending) logout.mutate();
          }}
        >
          {t.logout}
        </Button>
      </Group>
      {logout.isError && !isUnauthenticated(logout.error) && (
        <Alert color="red" role="alert" pos="absolute" top={48} right={8}>
          {t.unexpectedError}
        </Alert>
      )}
    </Group>
  );
}
