/**
 * A viewer attached to an organisation is a partner (issue 21 §5): they get their
 * own view instead of the agents' shell, whose pages the server refuses them. Any
 * other viewer (the partner view answers 404) gets the shell as before.
 */
import { Center, Loader } from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import type { PartnerTicketListDto } from '@shared/partner-contracts.ts';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { request } from '../../api/client.ts';
import { useI18n } from '../../i18n.ts';
import { PartnerPage, partnerTicketsKey } from './partner-page.tsx';

export function PartnerGate({ session, shell }: { session: SessionDto; shell: ReactNode }) {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: [...partnerTicketsKey, session.user.id],
    queryFn: () => request<PartnerTicketListDto>('GET', '/api/partner/tickets'),
    retry: false,
  });
  if (list.isPending)
    return (
      <Center component="main" mih="100vh">
        <Loader aria-label={t.loading} role="status" />
      </Center>
    );
  if (list.data) return <PartnerPage session={session} list={list.data} />;
  return shell;
}
