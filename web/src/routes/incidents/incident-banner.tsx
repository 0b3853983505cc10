/** The agents' banner while incidents last (issue 20 §2), mounted by the shell. */
import { Alert, Anchor } from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import type { OngoingIncidentDto } from '@shared/incident-contracts.ts';
import { useQuery } from '@tanstack/react-query';
import { request } from '../../api/client.ts';
import { incidentsPath, mayOpen } from '../../app-routes.ts';
import { navigate } from '../../router.ts';
import { useIncidentI18n } from './incidents-i18n.ts';

export function IncidentBanner({ session }: { session: SessionDto }) {
  const m = useIncidentI18n();
  const agent = mayOpen(session.user.role, 'agent');
  const ongoing = useQuery({
    queryKey: ['incidents-ongoing'],
    queryFn: () => request<OngoingIncidentDto[]>('GET', '/api/incidents/ongoing'),
    enabled: agent,
    refetchInterval: 60_000,
  });
  if (!agent || !ongoing.data || ongoing.data.length === 0) return null;
  return (
    <Alert color="orange" variant="light" py={6} role="status">
      <strong>{m.banner}</strong> {ongoing.data.map((i) => i.title).join(' ; ')}.{' '}
      <Anchor
        href={incidentsPath}
        size="sm"
        onClick={(event) => {
          event.preventDefault();
          navigate(incidentsPath);
        }}
      >
        {m.bannerLink}
      </Anchor>
    </Alert>
  );
}
