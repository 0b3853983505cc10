/**
 * "Transférer" (issue 19 §2): the whole conversation or one message, with
 * their attachments, to any address (the application's vendor…). The third
 * party's answers come back to the ticket as internal notes.
 */
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import type { TicketViewDto } from '@shared/workspace-contracts.ts';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { composerApi } from './composer-api.ts';
import { useComposerI18n } from './composer-i18n.ts';
import { textAsHtml } from './composer-logic.ts';
import { AddressInput } from './composer-recipients.tsx';

const dateLabel = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(iso),
  );

export function ForwardButton({ view, onDone }: { view: TicketViewDto; onDone: () => void }) {
  const t = useComposerI18n();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState<string[]>([]);
  const [what, setWhat] = useState<string>('all');
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const messages = view.thread.filter((m) => m.kind === 'customer' || m.kind === 'reply');
  const forward = useMutation({
    mutationFn: () =>
      composerApi.forward(view.ticket.id, {
        to,
        ...(what === 'all' ? {} : { messageId: Number(what) }),
        bodyHtml: textAsHtml(note),
      }),
    onSuccess: () => {
      setOpen(false);
      setTo([]);
      setNote('');
      setDone(true);
      onDone();
    },
  });
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t.forward}
      </Button>
      {done && (
        <Text size="xs" c="green.8" role="status">
          {t.forwarded}
        </Text>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={t.forwardTitle} size="lg">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            forward.mutate();
          }}
        >
          <Stack gap="xs">
            <AddressInput label={t.forwardTo} value={to} onChange={setTo} maxTags={5} />
            <Select
              label={t.forwardWhat}
              value={what}
              onChange={(value) => setWhat(value ?? 'all')}
              allowDeselect={false}
              data={[
                { value: 'all', label: t.forwardAll },
                ...messages.map((m) => ({
                  value: String(m.id),
                  label: t.forwardMessage(
                    `${m.author ?? m.fromAddress ?? ''} · ${dateLabel(m.createdAt)}`,
                  ),
                })),
              ]}
            />
            <Textarea
              label={t.forwardNote}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              autosize
              minRows={3}
            />
            <Text size="xs" c="dimmed">
              {t.forwardHelp}
            </Text>
            {forward.isError && (
              <Alert color="red" role="alert">
                {forward.error.message}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t.cancel}
              </Button>
              <Button type="submit" loading={forward.isPending} disabled={to.length === 0}>
                {t.forwardSend}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
