/**
 * The signed-in app as an application shell (Mantine AppShell): a compact
 * header, the side navigation (mailboxes and folders with their live counts,
 * then the other pages; behind a menu button on a phone) and the page of the
 * current path — or "page not found" / "access refused". `/` sends each role
 * to its landing page. Pages are loaded on demand.
 */
import { Center, Container, Loader, AppShell as MantineShell, Stack } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import type { SessionDto } from '@shared/contracts.ts';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { landingPath, mayOpen, type PageKey, resolvePath, windowTitle } from './app-routes.ts';
import { useI18n } from './i18n.ts';
import { navigate, useLocation } from './router.ts';
import { useChecklistDone } from './routes/admin/use-setup.ts';
import { HomePage } from './routes/home-page.tsx';
import { useLiveUpdates } from './routes/workspace/use-live.ts';
import { AppHeader } from './shell/app-header.tsx';
import { DensityContext, useDisplayPreferences } from './shell/preferences.ts';
import { ShellBanners } from './shell/shell-slots.tsx';
import { SideNav } from './shell/side-nav.tsx';
import { StatusPage } from './shell/status-page.tsx';

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

const SetupChecklistPage = lazy(() =>
  import('./routes/admin/setup-checklist-page.tsx').then((module) => ({
    default: module.SetupChecklistPage,
  })),
);
const MailSettingsPage = lazy(() =>
  import('./routes/admin/mail-settings-page.tsx').then((module) => ({
    default: module.MailSettingsPage,
  })),
);
const FieldsPage = lazy(() =>
  import('./routes/admin/fields-page.tsx').then((module) => ({ default: module.FieldsPage })),
);
const DashboardPage = lazy(() =>
  import('./routes/dashboard/dashboard-page.tsx').then((module) => ({
    default: module.DashboardPage,
  })),
);
const TargetsPage = lazy(() =>
  import('./routes/targets/targets-page.tsx').then((module) => ({ default: module.TargetsPage })),
);
const WebhooksPage = lazy(() =>
  import('./routes/webhooks/webhooks-page.tsx').then((module) => ({
    default: module.WebhooksPage,
  })),
);

const IncidentsPage = lazy(() =>
  import('./routes/incidents/incidents-page.tsx').then((module) => ({
    default: module.IncidentsPage,
  })),
);
const RulesPage = lazy(() =>
  import('./routes/automation/rules-page.tsx').then((module) => ({ default: module.RulesPage })),
);
const MacrosPage = lazy(() =>
  import('./routes/automation/macros-page.tsx').then((module) => ({ default: module.MacrosPage })),
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
  setup: () => <SetupChecklistPage />,
  mailSettings: () => <MailSettingsPage />,
  fields: () => <FieldsPage />,
  mailboxes: (session) => <HomePage session={session} />,
  targets: () => <TargetsPage />,
  incidents: (session) => <IncidentsPage session={session} />,
  webhooks: () => <WebhooksPage />,
  rules: () => <RulesPage />,
  macros: (session) => <MacrosPage session={session} />,
  dashboard: () => <DashboardPage />,
};

export function AppShell({ session }: { session: SessionDto }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const [menu, { toggle: toggleMenu, close: closeMenu }] = useDisclosure(false);
  // On a phone the folded menu is hidden, not only moved aside: out of Tab's way too.
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const role = session.user.role;
  const resolved = resolvePath(pathname, role);
  const density = useDisplayPreferences();
  const live = useLiveUpdates(mayOpen(role, 'agent'));

  const checklistDone = useChecklistDone(role);
  useEffect(() => {
    if (resolved.kind === 'landing' && checklistDone !== undefined)
      navigate(landingPath(role, checklistDone), { replace: true });
  }, [resolved.kind, role, checklistDone]);

  const page = resolved.kind === 'page' ? resolved.page : undefined;
  useEffect(() => {
    if (resolved.kind !== 'page') return; // the status pages name the window themselves
    const title = windowTitle(page, t);
    if (title !== null) document.title = title; // else the page names the window itself
  }, [resolved.kind, page, t]);

  // The workspace uses the whole width (list and ticket side by side); other pages a column.
  const fullWidth = page?.key === 'workspace';
  let content: ReactNode;
  if (resolved.kind === 'page')
    content = (
      <Suspense fallback={<PageLoader />}>{renderers[resolved.page.key](session)}</Suspense>
    );
  else if (resolved.kind === 'landing') content = <PageLoader />;
  else content = <StatusPage kind={resolved.kind} role={role} />;

  return (
    <DensityContext.Provider value={density}>
      <MantineShell
        header={{ height: 48 }}
        navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !menu } }}
        padding={0}
      >
        <MantineShell.Header>
          <AppHeader
            session={session}
            menuOpened={menu}
            onMenu={toggleMenu}
            live={mayOpen(role, 'agent') ? live : null}
          />
        </MantineShell.Header>
        <MantineShell.Navbar style={{ visibility: phone && !menu ? 'hidden' : undefined }}>
          <SideNav session={session} onNavigate={closeMenu} />
        </MantineShell.Navbar>
        <MantineShell.Main>
          <Stack gap={0}>
            <ShellBanners session={session} />
            {fullWidth ? (
              content
            ) : (
              <Container size="lg" py="md" w="100%">
                {content}
              </Container>
            )}
          </Stack>
        </MantineShell.Main>
      </MantineShell>
    </DensityContext.Provider>
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
