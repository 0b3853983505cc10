/**
 * The signed-in agent app: the header (user, language, logout), the main
 * navigation, and the page of the current path. The reports page is loaded on
 * demand so its charts never weigh on the first screen.
 */
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Center,
  Container,
  Group,
  Loader,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useId } from 'react';
import { api, isUnauthenticated } from './api/client.ts';
import { type NavLink, navigationLinks, type PageKey, pageOf, windowTitle } from './app-routes.ts';
import { useI18n } from './i18n.ts';
import { LanguageSwitcher } from './language-switcher.tsx';
import { followLink, useLocation } from './router.ts';
import { HomePage } from './routes/home-page.tsx';
import { clearSession } from './session.ts';

const ReportsPage = lazy(() =>
  import('./routes/reports/reports-page.tsx').then((module) => ({ default: module.ReportsPage })),
);
const WorkspacePage = lazy(() =>
  import('./routes/workspace/workspace-page.tsx').then((module) => ({
    default: module.WorkspacePage,
  })),
);
const DirectoryPage = lazy(() =>
  import('./routes/directory/directory-page.tsx').then((module) => ({
    default: module.DirectoryPage,
  })),
);
const ProfilePage = lazy(() =>
  import('./routes/profile/profile-page.tsx').then((module) => ({ default: module.ProfilePage })),
);
const HelpCentrePage = lazy(() =>
  import('./routes/help-centre/help-centre-page.tsx').then((module) => ({
    default: module.HelpCentrePage,
  })),
);
const PrivacyPage = lazy(() =>
  import('./routes/privacy/privacy-page.tsx').then((module) => ({ default: module.PrivacyPage })),
);
const UsersPage = lazy(() =>
  import('./routes/admin/users-page.tsx').then((module) => ({ default: module.UsersPage })),
);
const AuditPage = lazy(() =>
  import('./routes/admin/audit-page.tsx').then((module) => ({ default: module.AuditPage })),
);

const TargetsPage = lazy(() =>
  import('./routes/targets/targets-page.tsx').then((module) => ({ default: module.TargetsPage })),
);

/** What each page of the table (app-routes.ts) renders. */
const renderers: Record<PageKey, (session: SessionDto) => ReactNode> = {
  workspace: (session) => <WorkspacePage session={session} />,
  reports: (session) => <ReportsPage session={session} />,
  directory: (session) => <DirectoryPage session={session} />,
  profile: () => <ProfilePage />,
  helpCentre: () => <HelpCentrePage />,
  privacy: (session) => <PrivacyPage session={session} />,
  users: (session) => <UsersPage session={session} />,
  audit: () => <AuditPage />,
  targets: () => <TargetsPage />,
};

export function AppShell({ session }: { session: SessionDto }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const page = pageOf(pathname, session.user.role);

  useEffect(() => {
    const title = windowTitle(page, t);
    if (title !== null) document.title = title; // else the page names the window itself
  }, [page, t]);

  return (
    <>
      <AppHeader session={session} pathname={pathname} />
      <Container component="main" size="lg" py="xl">
        {page ? (
          <Suspense fallback={<PageLoader />}>{renderers[page.key](session)}</Suspense>
        ) : (
          <HomePage session={session} />
        )}
      </Container>
    </>
  );
}

function PageLoader() {
  const { t } = useI18n();
  return (
    <Center py="xl">
      <Loader aria-label={t.loading} role="status" />
    </Center>
  );
}

/**
 * The links of the header, in two rows: the daily work, then (supervisors and
 * administrators) the pages that set the desk up, under a visible
 * "Administration" label that also names their group for screen readers.
 * Both rows stay in the one navigation landmark, plain links in Tab order.
 */
function MainNavigation({ pathname, session }: { pathname: string; session: SessionDto }) {
  const { t } = useI18n();
  const adminLabelId = useId();
  const { work, administration } = navigationLinks(pathname, session.user.role, t);
  return (
    <Stack component="nav" aria-label={t.navLabel} gap={4}>
      <Group gap="lg" style={rowGap}>
        <NavLinks links={work} />
      </Group>
      {administration.length > 0 && (
        <Group role="group" aria-labelledby={adminLabelId} gap="md" style={rowGap}>
          <Text id={adminLabelId} component="span" size="sm" fw={600} c="dimmed">
            {t.navAdministration}
          </Text>
          <NavLinks links={administration} size="sm" />
        </Group>
      )}
    </Stack>
  );
}

/** Wrapped links stay close to their row, under the label they belong to. */
const rowGap = { rowGap: 'var(--mantine-spacing-xs)' };

function NavLinks({ links, size }: { links: NavLink[]; size?: 'sm' }) {
  return links.map((link) => (
    <Anchor
      key={link.href}
      href={link.href}
      onClick={followLink}
      aria-current={link.current ? 'page' : undefined}
      fw={link.current ? 700 : 500}
      underline={link.current ? 'always' : 'hover'}
      size={size}
    >
      {link.label}
    </Anchor>
  ));
}

function AppHeader({ session, pathname }: { session: SessionDto; pathname: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { user } = session;

  const logout = useMutation({
    mutationFn: () => api.logout(),
    onSuccess: () => clearSession(queryClient),
    onError: (error) => {
      // The session is already gone on the server: nothing left to close.
      if (isUnauthenticated(error)) clearSession(queryClient);
    },
  });

  return (
    <Box
      component="header"
      py="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Container size="lg">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
          <Group align="baseline" gap="xl" wrap="wrap">
            <Text component="span" fw={700} fz="xl">
              {t.appName}
            </Text>
            <MainNavigation pathname={pathname} session={session} />
          </Group>
          <Group align="flex-end" wrap="wrap" gap="md">
            <Box>
              <Text size="sm" c="dimmed" component="span">
                {t.signedInAs}{' '}
              </Text>
              <Text size="sm" fw={600} component="span">
                {user.name}
              </Text>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" component="span">
                  {user.email}
                </Text>
                <Badge variant="light" color="blue" size="sm">
                  <VisuallyHidden>{`${t.roleLabel} `}</VisuallyHidden>
                  {t.roleNames[user.role]}
                </Badge>
              </Group>
            </Box>
            <LanguageSwitcher />
            <Button
              variant="default"
              onClick={() => {
                if (!logout.isPending) logout.mutate();
              }}
            >
              {t.logout}
            </Button>
          </Group>
        </Group>
        {logout.isError && !isUnauthenticated(logout.error) && (
          <Alert color="red" role="alert" mt="sm">
            {t.unexpectedError}
          </Alert>
        )}
      </Container>
    </Box>
  );
}
