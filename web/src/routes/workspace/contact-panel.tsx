/** Who wrote: the contact, their organisation and their previous tickets. */
import { Anchor, Box, Paper, Stack, Text, Title } from '@mantine/core';
import type { TicketViewDto } from '@shared/workspace-contracts.ts';
import { navigate } from '../../router.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function ContactPanel({ view }: { view: TicketViewDto }) {
  const t = useWorkspaceI18n();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="contact-heading">
      <Title order={2} fz="h4" id="contact-heading" mb="xs">
        {t.contactPanel}
      </Title>
      {view.contact && (
        <Stack gap={2}>
          <Text fw={600}>{view.contact.name ?? '—'}</Text>
          {view.contact.email && <Text size="sm">{view.contact.email}</Text>}
          {view.contact.phone && <Text size="sm">{view.contact.phone}</Text>}
        </Stack>
      )}
      {view.organisation && (
        <Text size="sm" mt="xs">
          {t.organisation} : {view.organisation.name}
        </Text>
      )}
      <Title order={3} fz="sm" mt="sm">
        {t.previousTickets}
      </Title>
      {view.previousTickets.length === 0 ? (
        <Text size="sm">{t.noPrevious}</Text>
      ) : (
        <Box component="ul" pl="md" m={0}>
          {view.previousTickets.map((p) => (
            <li key={p.id}>
              <Anchor
                href={`/tickets/${p.number}`}
                size="sm"
                onClick={(event) => {
                  event.preventDefault();
                  navigate(`/tickets/${p.number}`);
                }}
              >
                #{p.number} {p.subject}
              </Anchor>{' '}
              <Text component="span" size="xs" c="dimmed">
                ({t.statuses[p.status]})
              </Text>
            </li>
          ))}
        </Box>
      )}
    </Paper>
  );
}
