/**
 * The agent workspace, loaded on demand: the inbox (/inbox), a ticket by its
 * number (/tickets/27474) or the saved replies (/saved-replies), and the
 * keyboard shortcuts' help ("?", "g i"). On a wide screen the list and the
 * open ticket sit side by side, each scrolling on its own; on a phone the
 * list, then the ticket.
 */
import { Box, Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { SessionDto } from '@shared/contracts.ts';
import { type ReactNode, useEffect, useState } from 'react';
import { navigate, useLocation } from '../../router.ts';
import { InboxPage } from './inbox-page.tsx';
import { SavedRepliesPage } from './saved-replies-page.tsx';
import { isTyping, type SequenceState, workspaceKey } from './shortcuts.ts';
import { TicketByNumber } from './ticket-page.tsx';
import { useWorkspaceI18n } from './workspace-i18n.ts';

/** Wide enough for the list beside the ticket (the side navigation included). */
const splitQuery = '(min-width: 75em)';
/** The panes fill the window under the 48 px header. */
const paneHeight = 'calc(100dvh - 48px)';

export function WorkspacePage({ session }: { session: SessionDto }) {
  const t = useWorkspaceI18n();
  const { pathname } = useLocation();
  const wide = useMediaQuery(splitQuery) ?? false;
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
  const ticketNumber = ticketMatch ? Number(ticketMatch[1]) : null;
  let content: ReactNode;
  if (pathname === '/saved-replies')
    content = (
      <Box p="md">
        <SavedRepliesPage />
      </Box>
    );
  else if (!wide)
    content =
      ticketNumber === null ? (
        <InboxPage />
      ) : (
        <Box p="xs">
          <TicketByNumber key={ticketNumber} session={session} number={ticketNumber} />
        </Box>
      );
  else
    content = (
      <Group align="stretch" gap={0} wrap="nowrap" h={paneHeight}>
        <Box
          w="34%"
          miw={340}
          maw={460}
          style={{
            overflowY: 'auto',
            borderRight: '1px solid var(--mantine-color-default-border)',
          }}
          data-pane="list"
        >
          <InboxPage primary={ticketNumber === null} openNumber={ticketNumber} />
        </Box>
        <Box style={{ flex: 1, minWidth: 0, overflowY: 'auto' }} px="sm" data-pane="ticket">
          {ticketNumber === null ? (
            <Text c="dimmed" p="xl" ta="center">
              {t.chooseTicket}
            </Text>
          ) : (
            <TicketByNumber key={ticketNumber} session={session} number={ticketNumber} />
          )}
        </Box>
      </Group>
    );

  return (
    <>
      {content}
      <Modal
        opened={help}
        onClose={() => setHelp(false)}
        title={t.shortcutsTitle}
        closeButtonProps={{ 'aria-label': t.closeDialog }}
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
