import {
  Alert,
  Button,
  Center,
  type CSSVariablesResolver,
  createTheme,
  Loader,
  MantineProvider,
  Stack,
  Table,
  useMantineColorScheme,
} from '@mantine/core';
import type { Language } from '@shared/contracts.ts';
import { type QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useMemo, useState } from 'react';
import { api, setCsrfToken } from './api/client.ts';
import { AppShell } from './app-shell.tsx';
import { browserLanguage, dictionaries, type I18n, I18nContext, useI18n } from './i18n.ts';
import { useLocation } from './router.ts';
import { LoginPage } from './routes/login-page.tsx';
import { PartnerGate } from './routes/partner/partner-gate.tsx';
import { sessionKey } from './session.ts';

// The public pages of account mail links (invitation, password reset): loaded on demand.
const AccountPage = lazy(() =>
  import('./routes/account/account-page.tsx').then((module) => ({ default: module.AccountPage })),
);

// Mantine's defaults, nudged to WCAG AA: white text on the primary colour reaches 5:1
// (shade 8 instead of 6), "dimmed" text is gray 7 (8:1) instead of gray 6 (3.3:1) and
// error text / required asterisks are red 9 (5.5:1) instead of red 6 (3.3:1).
// A table wider than the screen scrolls in a region the keyboard reaches (Tab, then arrows).
const theme = createTheme({
  primaryShade: { light: 8, dark: 8 },
  components: {
    TableScrollContainer: Table.ScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
    // A dialog's title bar is no second banner of the page (Mantine draws it as <header>).
    ModalHeader: { defaultProps: { component: 'div' } },
    DrawerHeader: { defaultProps: { component: 'div' } },
  },
});
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  // Dark: "dimmed" text is dark 1 (7:1 on the dark body) instead of dark 2 (4:1).
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
      <QueryClientProvider client={queryClient}>
        <Shell />
      </QueryClientProvider>
    </MantineProvider>
  );
}

function Shell() {
  const { pathname } = useLocation();
  const session = useQuery({
    queryKey: sessionKey,
    queryFn: async () => {
      const current = await api.session();
      setCsrfToken(current?.csrfToken);
      return current;
    },
    staleTime: 60_000,
  });

  // The user's own choice wins; then the account's language; then the browser's.
  const [chosen, setChosen] = useState<Language | undefined>(undefined);
  const language = chosen ?? session.data?.user.language ?? browserLanguage();
  // A new login follows the account's saved language (a choice made before it is forgotten).
  const userId = session.data?.user.id;
  useEffect(() => {
    if (userId) setChosen(undefined);
  }, [userId]);
  const i18n = useMemo<I18n>(
    () => ({ language, t: dictionaries[language], setLanguage: setChosen }),
    [language],
  );

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  // The colour scheme is the signed-in user's (shell/preferences.ts); the login page is light.
  const { setColorScheme } = useMantineColorScheme();
  const signedOut = session.data === null;
  useEffect(() => {
    if (signedOut) setColorScheme('light');
  }, [signedOut, setColorScheme]);

  let page: ReactNode;
  if (pathname.startsWith('/account/'))
    page = (
      <Suspense fallback={<Loading />}>
        <AccountPage pathname={pathname} />
      </Suspense>
    );
  else if (session.isPending) page = <Loading />;
  else if (session.isError) page = <SessionError onRetry={() => void session.refetch()} />;
  else if (session.data === null) page = <LoginPage />;
  // Partners' own view (issue 21 §5): a viewer attached to an organisation.
  else if (session.data.user.role === 'viewer')
    page = <PartnerGate session={session.data} shell={<AppShell session={session.data} />} />;
  else page = <AppShell session={session.data} />;

  return <I18nContext.Provider value={i18n}>{page}</I18nContext.Provider>;
}

function Loading() {
  const { t } = useI18n();
  return (
    <Center component="main" mih="100vh">
      <Loader aria-label={t.loading} role="status" />
    </Center>
  );
}

function SessionError({ onRetry }: { onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <Center component="main" mih="100vh" p="md">
      <Stack maw={420}>
        <Alert color="red" role="alert" title={t.appName}>
          {t.unexpectedError}
        </Alert>
        <Button onClick={onRetry}>{t.retry}</Button>
      </Stack>
    </Center>
  );
}
