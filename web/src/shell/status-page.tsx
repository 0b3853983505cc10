/** What an unknown address ("Page introuvable") or a page above the user's role ("Accès refusé") shows. */
import { Anchor, Stack, Text, Title } from '@mantine/core';
import type { RoleName } from '@shared/contracts.ts';
import { useEffect } from 'react';
import { useI18n } from '../i18n.ts';
import { followLink } from '../router.ts';
import { useShellI18n } from './shell-i18n.ts';

export function StatusPage({ kind, role }: { kind: 'notFound' | 'forbidden'; role: RoleName }) {
  const { t } = useI18n();
  const s = useShellI18n();
  const title = kind === 'notFound' ? s.notFoundTitle : s.forbiddenTitle;
  useEffect(() => {
    document.title = `${title} — ${t.appName}`;
  }, [title, t]);
  return (
    <Stack gap="sm" maw={560} py="md" data-status={kind === 'notFound' ? 404 : 403}>
      <Title order={1} fz="h2">
        {title}
      </Title>
      <Text>{kind === 'notFound' ? s.notFoundText : s.forbiddenText(t.roleNames[role])}</Text>
      <Anchor href="/" onClick={followLink}>
        {s.backHome}
      </Anchor>
    </Stack>
  );
}
