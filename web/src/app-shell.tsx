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
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import type { SessionDto } from '../../src/shared/contracts.ts';
import { api, isUnauthenticated } from './api/client.ts';
import { useI18n } from './i18n.ts';
import { LanguageSwitcher } from './language-switcher.tsx';
import { followLink, useLocation } from './router.ts';
import { HomePage } from './routes/home-page.tsx';
import { clearSession } from './session.ts';

const ReportsPage = lazy(() =>
  import('./routes/reports/reports-page.tsx').then((module) => ({ default: module.ReportsPage })),
);

// Users management and the audit log (supervisors and administrators), loaded on demand.
const UsersPage = lazy(() =>
  import('./routes/admin/users-page.tsx').then((module) => ({ default: module.UsersPage })),
);
const AuditPage = lazy(() =>
  import('./routes/admin/audit-page.tsx').then((module) => ({ default: module.AuditPage })),
);

export const reportsPath = '/reports';
export const usersPath = '/users';
export const auditPath = '/audit';

const canManage = (session: SessionDto) =>
  session.user.role === 'supervisor' || session.user.role === 'admin';

export function AppShell({ session }: { session: SessionDto }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const onReports = pathname === reportsPath;
  const adminPage = canManage(session) && (pathname === usersPath || pathname === auditPath);

  useEffect(() => {
    document.title = onReports ? `${t.navReports} — ${t.appName}` : t.appName;
  }, [onReports, t]);

  let page = <HomePage session={session} />;
  if (onReports) page = <ReportsPage session={session} />;
  else if (adminPage && pathname === usersPath) page = <UsersPage session={session} />;
  else if (adminPage) page = <AuditPage />;

  return (
    <>
      <AppHeader session={session} pathname={pathname} />
      <Container component="main" size="lg" py="xl">
        {onReports || adminPage ? <Suspense fallback={<PageLoader />}>{page}</Suspense> : page}
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

function MainNavigation({ pathname, session }: { pathname: string; session: SessionDto }) {
  const { t } = useI18n();
  const sections = [reportsPath, usersPath, auditPath];
  const links = [
    { href: '/', label: t.navMailboxes, current: !sections.includes(pathname) },
    { href: reportsPath, label: t.navReports, current: pathname === reportsPath },
    ...(canManage(session)
      ? [
          { href: usersPath, label: t.navUsers, current: pathname === usersPath },
          { href: auditPath, label: t.navAudit, current: pathname === auditPath },
        ]
      : []),
  ];
  return (
    <Group component="nav" aria-label={t.navLabel} gap="lg">
      {links.map((link) => (
        <Anchor
          key={link.href}
          href={link.href}
          onClick={followLink}
          aria-current={link.current ? 'page' : undefined}
          fw={link.current ? 700 : 500}
          underline={link.current ? 'always' : 'hover'}
        >
          {link.label}
        </Anchor>
      ))}
    </Group>
  );
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
