/**
 * Moving a ticket to another mailbox (issue 19 §2): its classification is
 * cleared (each mailbox has its own fields) and asked again — the ticket
 * screen then shows the new mailbox's fields.
 */
import { Alert, Button, Group, Select } from '@mantine/core';
import type { TicketViewDto } from '@shared/workspace-contracts.ts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { workspaceApi } from '../workspace-api.ts';
import { composerApi } from './composer-api.ts';
import { useComposerI18n } from './composer-i18n.ts';

export function MoveMailbox({ view, onMoved }: { view: TicketViewDto; onMoved: () => void }) {
  const t = useComposerI18n();
  const [target, setTarget] = useState<string | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: workspaceApi.mailboxes });
  const others = (mailboxes.data?.mailboxes ?? []).filter((m) => m.id !== view.ticket.mailboxId);
  const move = useMutation({
    mutationFn: (mailboxId: string) => composerApi.move(view.ticket.id, mailboxId, view.version),
    onSuccess: (_result, mailboxId) => {
      setMoved(others.find((m) => m.id === mailboxId)?.name ?? '');
      setTarget(null);
      onMoved();
    },
  });
  if (others.length === 0) return null;
  return (
    <div>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          size="xs"
          label={t.moveLabel}
          data={others.map((m) => ({ value: m.id, label: m.name }))}
          value={target}
          onChange={setTarget}
          style={{ flex: 1 }}
        />
        <Button
          size="xs"
          variant="default"
          disabled={!target}
          loading={move.isPending}
          onClick={() => target && move.mutate(target)}
        >
          {t.move}
        </Button>
      </Group>
      {moved !== null && (
        <Alert color="blue" role="status" p="xs" mt={4}>
          {t.moved(moved)}
        </Alert>
      )}
      {move.isError && (
        <Alert color="red" role="alert" p="xs" mt={4}>
          {move.error.message}
        </Alert>
      )}
    </div>
  );
}
