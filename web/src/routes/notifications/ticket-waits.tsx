/**
 * A ticket's snooze and follow-up (issue 18 §2): their badges (in the list and
 * the ticket) and, on the ticket, the two small forms that set or remove them.
 * The change is the server's (a ticket write with its history line); the
 * ticket and the lists are read again after it.
 */
import {
  Badge,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Popover,
  Radio,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { TicketSummaryDto } from '@shared/workspace-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { workspaceApi } from '../workspace/workspace-api.ts';
import { notificationsApi } from './notifications-api.ts';
import { useNotificationsI18n } from './notifications-i18n.ts';

/** The snooze and follow-up of a ticket as badges (nothing when neither is set). */
export function WaitBadges(props: Pick<TicketSummaryDto, 'snoozedUntil' | 'followUp'>) {
  const n = useNotificationsI18n();
  return (
    <>
      {props.snoozedUntil && (
        <Badge
          size="sm"
          variant="light"
          color="violet"
          style={{ textTransform: 'none' }}
          data-snoozed
        >
          {n.snoozedBadge(props.snoozedUntil)}
        </Badge>
      )}
      {props.followUp && (
        <Badge size="sm" variant="outline" color="violet" style={{ textTransform: 'none' }}>
          {n.followUpBadge(props.followUp.at, props.followUp.action)}
        </Badge>
      )}
    </>
  );
}

/** Tomorrow 9:00, local time, as a datetime-local input writes it. */
function tomorrowMorning(): string {
  const d = new Date(Date.now() + 86_400_000);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T09:00`;
}

function useAfterChange() {
  const queryClient = useQueryClient();
  return () => {
    for (const queryKey of [['ticket'], ['inbox'], ['counts']])
      void queryClient.invalidateQueries({ queryKey });
  };
}

function SnoozeControl({ ticket }: { ticket: TicketSummaryDto }) {
  const n = useNotificationsI18n();
  const [opened, setOpened] = useState(false);
  const [until, setUntil] = useState(tomorrowMorning);
  const refresh = useAfterChange();
  const change = useMutation({
    mutationFn: (at: string | null) => notificationsApi.snooze(ticket.id, at),
    onSuccess: () => {
      setOpened(false);
      refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = new Date(until);
    if (!Number.isNaN(at.getTime())) change.mutate(at.toISOString());
  };
  if (ticket.snoozedUntil)
    return (
      <Button size="compact-sm" variant="default" onClick={() => change.mutate(null)}>
        {n.wake}
      </Button>
    );
  if (ticket.status !== 'active' && ticket.status !== 'pending') return null;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" trapFocus>
      <Popover.Target>
        <Button size="compact-sm" variant="default" onClick={() => setOpened((o) => !o)}>
          {n.snooze}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack component="form" gap="xs" onSubmit={submit}>
          <TextInput
            type="datetime-local"
            label={n.snoozeUntil}
            value={until}
            onChange={(e) => setUntil(e.currentTarget.value)}
            required
          />
          <Button type="submit" size="xs" loading={change.isPending}>
            {n.snoozeSave}
          </Button>
          <ApiErrorAlert error={change.error} />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function FollowUpControl({ ticket }: { ticket: TicketSummaryDto }) {
  const n = useNotificationsI18n();
  const [opened, setOpened] = useState(false);
  const [days, setDays] = useState(7);
  const [action, setAction] = useState<'remind' | 'close'>('remind');
  const [replyId, setReplyId] = useState('');
  const refresh = useAfterChange();
  const replies = useQuery({
    queryKey: ['saved-replies', ticket.mailboxId],
    queryFn: () => workspaceApi.savedReplies(ticket.mailboxId),
    enabled: opened,
  });
  const change = useMutation({
    mutationFn: (
      followUp: { days: number; action: 'remind' | 'close'; savedReplyId: string | null } | null,
    ) => notificationsApi.followUp(ticket.id, followUp),
    onSuccess: () => {
      setOpened(false);
      refresh();
    },
  });
  const options = replies.data?.savedReplies ?? [];
  const chosen = replyId || options[0]?.id || '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ days, action, savedReplyId: action === 'remind' ? chosen || null : null });
  };
  if (ticket.followUp)
    return (
      <Button size="compact-sm" variant="default" onClick={() => change.mutate(null)}>
        {n.followUpRemove}
      </Button>
    );
  if (ticket.status === 'spam') return null;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" trapFocus width={320}>
      <Popover.Target>
        <Button size="compact-sm" variant="default" onClick={() => setOpened((o) => !o)}>
          {n.followUp}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack component="form" gap="xs" onSubmit={submit}>
          <NumberInput
            label={n.followUpDays}
            min={1}
            max={90}
            value={days}
            onChange={(value) => setDays(typeof value === 'number' ? value : 7)}
          />
          <Radio.Group
            label={n.followUpAction}
            value={action}
            onChange={(value) => setAction(value === 'close' ? 'close' : 'remind')}
          >
            <Group gap="md" mt={4}>
              <Radio value="remind" label={n.remind} />
              <Radio value="close" label={n.close} />
            </Group>
          </Radio.Group>
          {action === 'remind' &&
            (options.length > 0 ? (
              <NativeSelect
                label={n.followUpReply}
                value={chosen}
                onChange={(e) => setReplyId(e.currentTarget.value)}
                data={options.map((r) => ({ value: r.id, label: r.name }))}
              />
            ) : (
              replies.isSuccess && (
                <Text size="xs" c="dimmed">
                  {n.noSavedReply}
                </Text>
              )
            ))}
          <Button
            type="submit"
            size="xs"
            loading={change.isPending}
            disabled={action === 'remind' && !chosen}
          >
            {n.followUpSave}
          </Button>
          <ApiErrorAlert error={change.error} />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** The ticket's waits: badges and the controls that set them. */
export function TicketWaits({ ticket }: { ticket: TicketSummaryDto }) {
  return (
    <Group gap="xs">
      <WaitBadges snoozedUntil={ticket.snoozedUntil} followUp={ticket.followUp} />
      <SnoozeControl ticket={ticket} />
      <FollowUpControl ticket={ticket} />
    </Group>
  );
}
