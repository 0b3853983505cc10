/**
 * The ticket screen (issue 6 §2): the thread in order, the composer at its
 * bottom (kept in view while the thread scrolls), the contact and
 * classification panels, status / assignee / tags, merge and split, and who
 * else is here. Opened by the ticket's number (its address). Keyboard:
 * r reply, n note, l call, c close, a assign to me, f classify, j/k
 * next/previous ticket, Esc back, m a macro (issue 19).
 */
import { Alert, Box, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { MacroButton } from '../automation/macro-button.tsx';
import { MacroPicker } from '../automation/macro-picker.tsx';
import { Classification } from './classification-panel.tsx';
import { ForwardButton } from './composer/forward-dialog.tsx';
import { MoveMailbox } from './composer/move-mailbox.tsx';
import { Composer, type ComposerHandle } from './composer.tsx';
import { ContactPanel } from './contact-panel.tsx';
import { DemandNumbersPanel } from './demand-numbers-panel.tsx';
import { MergeButton } from './merge-button.tsx';
import { ChangeError } from './stale-change-notice.tsx';
import { Thread } from './thread.tsx';
import { TicketControls } from './ticket-controls.tsx';
import { ticketDocumentTitle } from './ticket-format.ts';
import { TicketHeader } from './ticket-header.tsx';
import { useTicket } from './use-ticket.ts';
import { useTicketKeys } from './use-ticket-keys.ts';
import { workspaceApi } from './workspace-api.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

const isNotFound = (error: unknown) => isApiError(error) && error.status === 404;

/** The ticket of an address's number: found among the user's mailboxes, or "not found". */
export function TicketByNumber({ session, number }: { session: SessionDto; number: number }) {
  const t = useWorkspaceI18n();
  const found = useQuery({
    queryKey: ['ticket-number', number],
    queryFn: () => workspaceApi.ticketByNumber(number),
    retry: (count, error) => !isNotFound(error) && count < 2,
  });
  useEffect(() => {
    if (found.isError && isNotFound(found.error))
      document.title = `${t.ticketNotFoundTitle} — Guichet`;
  }, [found.isError, found.error, t]);
  if (found.isPending) return <Loader aria-label={t.loading} role="status" m="md" />;
  if (found.isError)
    return isNotFound(found.error) ? (
      <Stack gap="xs" py="md" data-status="404">
        <Title order={1} fz="h3">
          {t.ticketNotFoundTitle}
        </Title>
        <Text role="alert">{t.ticketNotFound}</Text>
      </Stack>
    ) : (
      <Alert color="red" role="alert" m="md">
        {found.error.message}
      </Alert>
    );
  return <TicketPage session={session} ticketId={found.data.id} ticketNumber={number} />;
}

export function TicketPage({
  session,
  ticketId,
  ticketNumber,
}: {
  session: SessionDto;
  ticketId: number;
  ticketNumber: number;
}) {
  const t = useWorkspaceI18n();
  const { view, others, setTyping, change, refresh } = useTicket(ticketId);
  const composer = useRef<ComposerHandle>(null);
  const classification = useRef<HTMLElement>(null);
  const [macros, setMacros] = useState(false);
  useTicketKeys({
    ticketNumber,
    userId: session.user.id,
    composer,
    classification,
    change: (input) => change.mutate(input),
    openMacros: () => setMacros(true),
  });

  useEffect(() => {
    if (view.data) document.title = ticketDocumentTitle(view.data.ticket);
  }, [view.data]);

  if (view.isPending) return <Loader aria-label={t.loading} role="status" m="md" />;
  if (view.isError)
    return (
      <Alert color="red" role="alert">
        {isApiError(view.error) && view.error.status === 404
          ? t.ticketNotFound
          : view.error.message}
      </Alert>
    );
  const data = view.data;

  return (
    <Stack gap="xs" pt="xs">
      <TicketHeader ticket={data.ticket} others={others} />
      {change.isError && (
        <ChangeError
          error={change.error}
          onReapply={() => change.variables && change.mutate(change.variables)}
          pending={change.isPending}
        />
      )}
      <Group align="flex-start" gap="sm" wrap="wrap">
        <Stack style={{ flex: 2, minWidth: 300 }} gap="xs">
          <Thread items={data.thread} onSplit={refresh} />
          {/* Always reachable: it stays at the bottom of the view while the thread scrolls. */}
          <Box
            pos="sticky"
            bottom={0}
            pb="xs"
            style={{ zIndex: 2, background: 'var(--mantine-color-body)' }}
          >
            <Composer
              ref={composer}
              view={data}
              session={session}
              onTyping={setTyping}
              onSent={refresh}
            />
          </Box>
        </Stack>
        <Stack style={{ flex: 1, minWidth: 240 }} gap="xs">
          <TicketControls
            view={data}
            session={session}
            onChange={(input) => change.mutate(input)}
            pending={change.isPending}
          />
          <Classification ref={classification} view={data} session={session} onSaved={refresh} />
          <ContactPanel view={data} />
          <DemandNumbersPanel ticketId={ticketId} messageCount={data.thread.length} />
          <MergeButton ticketId={ticketId} />
          <MacroButton withKey onOpen={() => setMacros(true)} />
          <MacroPicker
            opened={macros}
            ticketIds={[ticketId]}
            mailboxId={data.ticket.mailboxId}
            onClose={() => setMacros(false)}
            onApplied={refresh}
          />
          <ForwardButton view={data} onDone={refresh} />
          <MoveMailbox view={data} onMoved={refresh} />
        </Stack>
      </Group>
    </Stack>
  );
}
