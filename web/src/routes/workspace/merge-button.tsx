/** "Merge": a dialog asks the number of the ticket this one goes into, then opens it. */
import { Alert, Button, Group, Modal, NumberInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { navigate } from '../../router.ts';
import { ticketByNumber } from './ticket-format.ts';
import { workspaceApi } from './workspace-api.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function MergeButton({ ticketId }: { ticketId: number }) {
  const t = useWorkspaceI18n();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<number | string>('');
  const merge = useMutation({
    mutationFn: async () => {
      const number = Number(target);
      const found = await workspaceApi.inbox({ folder: 'all', q: String(number), limit: '10' });
      const into = ticketByNumber(found.tickets, number);
      if (!into) throw new Error(t.mergeNotFound(number));
      return workspaceApi.merge(ticketId, into.id);
    },
    onSuccess: (result) => {
      setOpen(false);
      navigate(`/tickets/${result.number}`);
    },
  });
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t.merge}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t.mergeTitle}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            merge.mutate();
          }}
        >
          <NumberInput
            label={t.mergeTarget}
            value={target}
            onChange={setTarget}
            min={1}
            data-autofocus
          />
          {merge.isError && (
            <Alert color="red" role="alert" mt="xs">
              {merge.error.message}
            </Alert>
          )}
          <Group mt="md" justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t.cancel}
            </Button>
            <Button type="submit" loading={merge.isPending} disabled={!target}>
              {t.mergeConfirm}
            </Button>
          </Group>
        </form>
      </Modal>
    </>
  );
}
