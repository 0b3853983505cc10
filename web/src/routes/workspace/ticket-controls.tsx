/** The ticket's status, assignee and tags, with "assign to me" and close / reopen. */
import { Button, Group, Paper, Select, Stack, TextInput } from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import { type TicketViewDto, ticketStatuses } from '@shared/workspace-contracts.ts';
import { useEffect, useState } from 'react';
import { parseTags, tagsText } from './ticket-format.ts';
import type { TicketChangeInput } from './use-ticket.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function TicketControls(props: {
  view: TicketViewDto;
  session: SessionDto;
  onChange: (input: TicketChangeInput) => void;
  pending: boolean;
}) {
  const t = useWorkspaceI18n();
  const { ticket, agents } = props.view;
  const [tags, setTags] = useState(tagsText(ticket.tags));
  useEffect(() => setTags(tagsText(ticket.tags)), [ticket.tags]);
  return (
    <Paper withBorder p="sm" component="section" aria-label={t.statusLabel}>
      <Stack gap="xs">
        <Select
          label={t.statusLabel}
          data={ticketStatuses.map((s) => ({ value: s, label: t.statuses[s] }))}
          value={ticket.status}
          onChange={(value) => value && props.onChange({ status: value as 'active' })}
          allowDeselect={false}
        />
        <Select
          label={t.assigneeLabel}
          data={[
            { value: '', label: t.nobody },
            ...agents.map((a) => ({ value: a.id, label: a.name })),
          ]}
          value={ticket.assignee?.id ?? ''}
          onChange={(value) => props.onChange({ assigneeId: value || null })}
          searchable
        />
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            onClick={() => props.onChange({ assigneeId: props.session.user.id })}
          >
            {t.assignToMe} (a)
          </Button>
          {ticket.status === 'closed' ? (
            <Button
              size="xs"
              variant="default"
              onClick={() => props.onChange({ status: 'active' })}
            >
              {t.reopen}
            </Button>
          ) : (
            <Button
              size="xs"
              onClick={() => props.onChange({ status: 'closed' })}
              loading={props.pending}
            >
              {t.close} (c)
            </Button>
          )}
        </Group>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            props.onChange({ tags: parseTags(tags) });
          }}
        >
          {/* The side column is narrow beside the list: the hint under the label, the button below. */}
          <Stack gap={6} align="flex-start">
            <TextInput
              label={t.tagsLabel}
              description={t.tagsHint}
              value={tags}
              onChange={(e) => setTags(e.currentTarget.value)}
              w="100%"
            />
            <Button type="submit" size="xs" variant="default">
              {t.save}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
