import { Center, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n.ts';
import { LanguageSwitcher } from '../language-switcher.tsx';

/**
 * The frame of the pages shown before signing in (login, account links): the
 * product name, one card, the language switcher under it.
 */
export function PublicFrame({ width, children }: { width: number; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Center component="main" mih="100vh" p="md">
      <Stack w="100%" maw={width} gap="lg">
        <Title order={1} ta="center">
          {t.appName}
        </Title>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          {children}
        </Paper>
        <Center>
          <LanguageSwitcher />
        </Center>
      </Stack>
    </Center>
  );
}
