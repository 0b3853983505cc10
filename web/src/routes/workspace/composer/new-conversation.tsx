/**
 * "Nouveau message" (issue 19 §2): an agent writes first to a contact, or to
 * a person of an organisation (suggestions by name, address or organisation),
 * from one of their mailboxes. The ticket is opened by us (channel
 * `outbound`) and shown once its first mail is queued.
 */
import { Alert, Autocomplete, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { navigate } from '../../../router.ts';
import { workspaceApi } from '../workspace-api.ts';
import { composerApi } from './composer-api.ts';
import { ComposerEditor, type EditorHandle } from './composer-editor.tsx';
import { useComposerI18n } from './composer-i18n.ts';
import { htmlHasText } from './composer-logic.ts';

export function NewConversationButton({ mailboxId }: { mailboxId?: string }) {
  const t = useComposerI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="xs" onClick={() => setOpen(true)}>
        {t.newConversation}
      </Button>
      {open && <NewConversation mailboxId={mailboxId} onClose={() => setOpen(false)} />}
    </>
  );
}

function NewConversation({ mailboxId, onClose }: { mailboxId?: string; onClose: () => void }) {
  const t = useComposerI18n();
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: workspaceApi.mailboxes });
  const [mailbox, setMailbox] = useState<string | null>(mailboxId ?? null);
  const [to, setTo] = useState('');
  const [subject, setSubject] = useState('');
  const [html, setHtml] = useState('');
  const editor = useRef<EditorHandle>(null);
  const [debounced] = useDebouncedValue(to, 200);
  const suggestions = useQuery({
    queryKey: ['composer-addresses', debounced],
    queryFn: () => composerApi.addresses(debounced),
    enabled: debounced.trim().length >= 2 && !debounced.includes('@'),
  });
  const found = suggestions.data?.suggestions ?? [];
  const labels = new Map(
    found.map((s) => [
      s.email,
      [s.name, `<${s.email}>`, s.organisation ? `· ${s.organisation}` : '']
        .filter(Boolean)
        .join(' '),
    ]),
  );
  const chosen = mailbox ?? mailboxes.data?.mailboxes[0]?.id ?? null;
  const start = useMutation({
    mutationFn: () =>
      composerApi.startConversation({
        mailboxId: chosen ?? '',
        to: to.trim(),
        subject,
        bodyHtml: editor.current?.html() ?? html,
      }),
    onSuccess: (opened) => {
      onClose();
      navigate(`/tickets/${opened.number}`);
    },
  });
  return (
    <Modal opened onClose={onClose} title={t.newConversationTitle} size="xl">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          start.mutate();
        }}
      >
        <Stack gap="xs">
          <Group grow gap="xs">
            <Select
              label={t.mailbox}
              data={(mailboxes.data?.mailboxes ?? []).map((m) => ({ value: m.id, label: m.name }))}
              value={chosen}
              onChange={setMailbox}
              allowDeselect={false}
            />
            <Autocomplete
              label={t.recipient}
              placeholder={t.recipientHint}
              value={to}
              onChange={setTo}
              data={found.map((s) => s.email)}
              renderOption={({ option }) => labels.get(option.value) ?? option.value}
              filter={({ options }) => options}
              data-autofocus
              required
            />
          </Group>
          <TextInput
            label={t.subject}
            value={subject}
            onChange={(event) => setSubject(event.currentTarget.value)}
            maxLength={300}
            required
          />
          <ComposerEditor
            ref={editor}
            label={t.message}
            placeholder={t.placeholder.reply}
            initialHtml=""
            onChange={setHtml}
            onSubmit={() => start.mutate()}
            minHeight={140}
          />
          {start.isError && (
            <Alert color="red" role="alert">
              {start.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t.cancel}
            </Button>
            <Button
              type="submit"
              loading={start.isPending}
              disabled={!chosen || to.trim() === '' || subject.trim() === '' || !htmlHasText(html)}
            >
              {t.start}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
