/** Saved replies management (issue 6 §4): supervisors add, edit and delete them. */
import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { SavedReplyDto } from '@shared/workspace-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { workspaceApi } from './workspace-api.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function SavedRepliesPage() {
  const t = useWorkspaceI18n();
  const queryClient = useQueryClient();
  const replies = useQuery({
    queryKey: ['saved-replies', 'all'],
    queryFn: () => workspaceApi.savedReplies(),
  });
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: workspaceApi.mailboxes });
  const [editing, setEditing] = useState<SavedReplyDto | null>(null);
  const remove = useMutation({
    mutationFn: workspaceApi.deleteSavedReply,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['saved-replies'] }),
  });
  const mailboxName = (id: string | null) =>
    id ? (mailboxes.data?.mailboxes.find((m) => m.id === id)?.name ?? id) : t.everyMailbox;
  return (
    <Stack gap="md">
      <Title order={1}>{t.savedRepliesTitle}</Title>
      <Text>{t.savedRepliesIntro}</Text>
      <SavedReplyForm
        key={editing?.id ?? 'new'}
        initial={editing}
        mailboxes={mailboxes.data?.mailboxes ?? []}
        onDone={() => setEditing(null)}
      />
      {replies.data?.savedReplies.length === 0 && <Text>{t.noSavedReplies}</Text>}
      <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0 }}>
        {replies.data?.savedReplies.map((reply) => (
          <Paper component="li" key={reply.id} withBorder p="sm">
            <Group justify="space-between" wrap="wrap">
              <Text fw={600}>
                {reply.name}{' '}
                <Text component="span" size="sm" c="dimmed">
                  ({mailboxName(reply.mailboxId)})
                </Text>
              </Text>
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setEditing(reply)}
                  aria-label={`${t.edit} ${reply.name}`}
                >
                  {t.edit}
                </Button>
                <Button
                  size="xs"
                  color="red"
                  variant="light"
                  onClick={() => remove.mutate(reply.id)}
                  aria-label={`${t.remove} ${reply.name}`}
                >
                  {t.remove}
                </Button>
              </Group>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {reply.body}
            </Text>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

function SavedReplyForm(props: {
  initial: SavedReplyDto | null;
  mailboxes: { id: string; name: string }[];
  onDone: () => void;
}) {
  const t = useWorkspaceI18n();
  const queryClient = useQueryClient();
  const [name, setName] = useState(props.initial?.name ?? '');
  const [body, setBody] = useState(props.initial?.body ?? '');
  const [mailboxId, setMailboxId] = useState(props.initial?.mailboxId ?? '');
  const save = useMutation({
    mutationFn: () => {
      const input = { name, body, mailboxId: mailboxId || null };
      return props.initial
        ? workspaceApi.updateSavedReply(props.initial.id, input)
        : workspaceApi.createSavedReply(input);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['saved-replies'] });
      setName('');
      setBody('');
      props.onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Paper
      withBorder
      p="sm"
      component="form"
      onSubmit={submit}
      aria-label={props.initial ? t.edit : t.add}
    >
      <Stack gap="xs">
        <TextInput
          label={t.nameLabel}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          maxLength={200}
        />
        <Select
          label={t.mailboxScope}
          data={[
            { value: '', label: t.everyMailbox },
            ...props.mailboxes.map((m) => ({ value: m.id, label: m.name })),
          ]}
          value={mailboxId}
          onChange={(value) => setMailboxId(value ?? '')}
        />
        <Textarea
          label={t.bodyLabel}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          required
          autosize
          minRows={4}
        />
        {save.isError && (
          <Alert color="red" role="alert">
            {save.error.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {props.initial ? t.save : t.add}
          </Button>
          {props.initial && (
            <Button variant="default" onClick={props.onDone}>
              {t.cancel}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
