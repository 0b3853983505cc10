/**
 * The ticket screen (issue 6 §2): the thread in order, the contact and
 * classification panels, status / assignee / tags, the composer (reply, note,
 * call), merge and split, and who else is here. Keyboard: r reply, n note,
 * l call, c close, a assign to me, j/k next/previous ticket, Esc back.
 */
import { Alert, Group, Loader, Stack } from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import { useEffect, useRef } from 'react';
import { isApiError } from '../../api/client.ts';
import { Classification } from './classification-panel.tsx';
import { Composer, type ComposerHandle } from './composer.tsx';
import { ContactPanel } from './contact-panel.tsx';
import { MergeButton } from './merge-button.tsx';
import { ChangeError } from './stale-change-notice.tsx';
import { Thread } from './thread.tsx';
import { TicketControls } from './ticket-controls.tsx';
import { ticketDocumentTitle } from './ticket-format.ts';
import { TicketHeader } from './ticket-header.tsx';
import { useTicket } from './use-ticket.ts';
import { useTicketKeys } from './use-ticket-keys.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function TicketPage({ session, ticketId }: { session: SessionDto; ticketId: number }) {
  const t = useWorkspaceI18n();
  const { view, others, setTyping, change, refresh } = useTicket(ticketId);
  const composer = useRef<ComposerHandle>(null);
  const classification = useRef<HTMLElement>(null);
  useTicketKeys({
    ticketId,
    userId: session.user.id,
    composer,
    classification,
    change: (input) => change.mutate(input),
  });

  useEffect(() => {
    if (view.data) document.title = ticketDocumentTitle(view.data.ticket);
  }, [view.data]);

  if (view.isPending) return <Loader aria-label="…" role="status" />;
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
    <Stack gap="md">
      <TicketHeader ticket={data.ticket} others={others} />
      {change.isError && (
        <ChangeError
          error={change.error}
          onReapply={() => change.variables && change.mutate(change.variables)}
          pending={change.isPending}
        />
      )}
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Stack style={{ flex: 2, minWidth: 300 }} gap="sm">
          <Thread items={data.thread} onSplit={refresh} />
          <Composer
            ref={composer}
            view={data}
            session={session}
            onTyping={setTyping}
            onSent={refresh}
          />
        </Stack>
        <Stack style={{ flex: 1, minWidth: 260 }} gap="md">
          <TicketControls
            view={data}
            session={session}
            onChange={(input) => change.mutate(input)}
            pending={change.isPending}
          />
          <Classification ref={classification} view={data} session={session} onSaved={refresh} />
          <ContactPanel view={data} />
          <MergeButton ticketId={ticketId} />
        </Stack>
      </Group>
    </Stack>
  );
}
