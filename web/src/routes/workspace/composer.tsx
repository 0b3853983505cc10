/**
 * The composer (issue 6 §2): a reply (saved replies with their variables
 * filled, the agent's signature, send and close / send and wait), an internal
 * note, or a logged call. Ctrl+Enter sends. Typing is reported as presence.
 */
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Textarea,
} from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import { fillVariables, type TicketViewDto } from '@shared/workspace-contracts.ts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import {
  callSeconds,
  insertSavedReply,
  isTypingReply,
  replyVariables,
  withSignature,
} from './composer-text.ts';
import { ChangeError } from './stale-change-notice.tsx';
import { workspaceApi } from './workspace-api.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export type ComposerMode = 'reply' | 'note' | 'call';
export type ComposerHandle = { open: (mode: ComposerMode) => void };

export const Composer = forwardRef<
  ComposerHandle,
  {
    view: TicketViewDto;
    session: SessionDto;
    onTyping: (typing: boolean) => void;
    onSent: () => void;
  }
>(function Composer({ view, session, onTyping, onSent }, ref) {
  const t = useWorkspaceI18n();
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [body, setBody] = useState(withSignature(view.signature));
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [minutes, setMinutes] = useState<number | string>(5);
  const [done, setDone] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const ticketId = view.ticket.id;

  useImperativeHandle(ref, () => ({
    open: (next) => {
      setMode(next);
      setTimeout(() => {
        area.current?.focus();
        area.current?.setSelectionRange(0, 0);
      }, 0);
    },
  }));

  const typing = isTypingReply(mode, body, view.signature);
  useEffect(() => onTyping(typing), [typing, onTyping]);

  const saved = useQuery({
    queryKey: ['saved-replies', view.ticket.mailboxId],
    queryFn: () => workspaceApi.savedReplies(view.ticket.mailboxId),
  });

  const send = useMutation({
    mutationFn: async (status: 'active' | 'pending' | 'closed') => {
      if (mode === 'reply') await workspaceApi.reply(ticketId, body, status, view.version);
      else if (mode === 'note') await workspaceApi.note(ticketId, body);
      else
        await workspaceApi.call(ticketId, {
          direction,
          durationSeconds: callSeconds(minutes),
          summary: body,
        });
    },
    onSuccess: () => {
      setBody(mode === 'reply' ? withSignature(view.signature) : '');
      setDone(true);
      onSent();
    },
  });

  const insert = (id: string | null) => {
    const reply = saved.data?.savedReplies.find((r) => r.id === id);
    if (!reply) return;
    const text = fillVariables(reply.body, replyVariables(view, session.user.name));
    setBody((current) => insertSavedReply(current, text));
    area.current?.focus();
  };

  const label =
    mode === 'reply' ? t.replyLabel : mode === 'note' ? t.noteLabel : t.callSummaryLabel;
  return (
    <Paper withBorder p="xs" component="section" aria-label={t.composerTabs[mode]}>
      <Stack gap={6}>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(value) => setMode(value as ComposerMode)}
          data={(['reply', 'note', 'call'] as const).map((m) => ({
            value: m,
            label: t.composerTabs[m],
          }))}
        />
        {mode === 'reply' && (saved.data?.savedReplies.length ?? 0) > 0 && (
          <Select
            label={t.savedReplyLabel}
            data={(saved.data?.savedReplies ?? []).map((r) => ({ value: r.id, label: r.name }))}
            value={null}
            onChange={insert}
            searchable
          />
        )}
        {mode === 'call' && (
          <Group gap="xs">
            <Select
              label={t.callDirection}
              data={[
                { value: 'inbound', label: t.inbound },
                { value: 'outbound', label: t.outbound },
              ]}
              value={direction}
              onChange={(value) => setDirection((value as 'inbound') ?? 'inbound')}
              allowDeselect={false}
            />
            <NumberInput
              label={t.durationLabel}
              value={minutes}
              onChange={setMinutes}
              min={0}
              max={1440}
            />
          </Group>
        )}
        <Textarea
          ref={area}
          label={label}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            setDone(false);
          }}
          autosize
          minRows={3}
          maxRows={12}
          onKeyDown={(event) => {
            if (event.key === 'Escape') event.currentTarget.blur();
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              send.mutate('pending');
            }
          }}
        />
        {send.isError && <ChangeError error={send.error} />}
        {done && (
          <Alert color="green" role="status">
            {t.sent}
          </Alert>
        )}
        <Group gap="xs">
          {mode === 'reply' ? (
            <>
              <Button onClick={() => send.mutate('closed')} loading={send.isPending}>
                {t.sendAndClose}
              </Button>
              <Button
                variant="default"
                onClick={() => send.mutate('pending')}
                loading={send.isPending}
              >
                {t.sendAndWait}
              </Button>
            </>
          ) : (
            <Button
              onClick={() => send.mutate('active')}
              loading={send.isPending}
              disabled={body.trim() === ''}
            >
              {mode === 'note' ? t.addNote : t.logCall}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
});
