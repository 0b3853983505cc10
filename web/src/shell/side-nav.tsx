/**
 * The side navigation of the signed-in app: the tickets (mailboxes and
 * folders, agents and above), then the pages of the daily work, then the
 * pages that set the desk up under an "Administration" label.
 */
import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import { useId } from 'react';
import { type NavLink as Link, mayOpen, navigationLinks } from '../app-routes.ts';
import { useI18n } from '../i18n.ts';
import { navigate, useLocation } from '../router.ts';
import { MailboxNav } from './mailbox-nav.tsx';
import { navLinkStyle } from './preferences.ts';

export function SideNav({ session, onNavigate }: { session: SessionDto; onNavigate: () => void }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const adminLabelId = useId();
  const role = session.user.role;
  const { work, administration } = navigationLinks(pathname, role, t);
  const links = (items: Link[]) =>
    items.map((link) => (
      <NavLink
        key={link.href}
        component="a"
        href={link.href}
        label={link.label}
        active={link.current}
        style={navLinkStyle}
        aria-current={link.current ? 'page' : undefined}
        py={4}
        onClick={(event) => {
          if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
          event.preventDefault();
          navigate(link.href);
          onNavigate();
        }}
      />
    ));
  return (
    <ScrollArea h="100%" type="auto" offsetScrollbars>
      <Stack gap="md" p="xs">
        {mayOpen(role, 'agent') && <MailboxNav onNavigate={onNavigate} />}
        <Stack component="nav" aria-label={t.navLabel} gap={0}>
          {links(work)}
          {administration.length > 0 && (
            <Stack role="group" aria-labelledby={adminLabelId} gap={0} mt="sm">
              <Text id={adminLabelId} size="xs" fw={700} tt="uppercase" c="dimmed" px="xs" mb={4}>
                {t.navAdministration}
              </Text>
              {links(administration)}
            </Stack>
          )}
        </Stack>
      </Stack>
    </ScrollArea>
  );
}
