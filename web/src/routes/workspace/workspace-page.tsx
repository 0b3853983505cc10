/**
 * The agent workspace, loaded on demand: the inbox (/inbox), a ticket
 * (/tickets/:id) or the saved replies (/saved-replies), with live updates and
 * the keyboard shortcuts' help ("?", "g i").
 */
import { Kbd, Modal, Table, Text } from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n.ts';
import { navigate, useLocation } from '../../router.ts';
import { InboxPage } from './inbox-page.tsx';
import { SavedRepliesPage } from './saved-replies-page.tsx';
import { isTyping, type SequenceState, workspaceKey } from './shortcuts.ts';
import { TicketPage } from './ticket-page.tsx';
import { useLiveUpdates } from './use-live.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function WorkspacePage({ session }: { session: SessionDto }) {
  const t = useWorkspaceI18n();
  const common = useI18n().t;
  const { pathname } = useLocation();
  const live = useLiveUpdates();
  const [help, setHelp] = useState(false);

  useEffect(() => {
    let state: SequenceState = { pendingG: false };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event)) return;
      const next = workspaceKey(state, event.key);
      state = next.state;
      if (next.action === 'help') {
        event.preventDefault();
        setHelp(true);
      } else if (next.action === 'inbox') navigate('/inbox');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const ticketMatch = /^\/tickets\/(\d{1,15})$/.exec(pathname);
  return (
    <>
      <Text size="xs" c="dark.7" ta="right" data-live={live ? 'on' : 'off'}>
        {live ? `● ${t.liveConnected}` : '○'}
      </Text>
      {ticketMatch ? (
        <TicketPage key={ticketMatch[1]} session={session} ticketId={Number(ticketMatch[1])} />
      ) : pathname === '/saved-replies' ? (
        <SavedRepliesPage />
      ) : (
        <InboxPage />
      )}
      <Modal
        opened={help}
        onClose={() => setHelp(false)}
        title={t.shortcutsTitle}
        closeButtonProps={{ 'aria-label': common.closeDialog }}
      >
        <Table>
          <Table.Tbody>
            {t.shortcuts.map(([keys, action]) => (
              <Table.Tr key={keys}>
                <Table.Td>
                  <Kbd>{keys}</Kbd>
                </Table.Td>
                <Table.Td>{action}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Modal>
    </>
  );
}
