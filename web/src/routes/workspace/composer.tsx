/**
 * The composer (issues 6 §2 and 19 §1): a reply, an internal note or a logged
 * call. A reply or note is formatted text (composer/composer-editor.tsx), with
 * files (picker, drop, paste: composer/composer-files.tsx), CC and BCC with
 * suggestions, saved replies with their variables filled, a draft saved on the
 * server while typing (composer/use-composer-draft.ts). A reply waits
 * `undoSendSeconds` in the outbox: "Annuler l'envoi" takes it back into the
 * editor. In a note, `@` names colleagues (sent as `mentions`). Ctrl+Enter
 * sends; typing is reported as presence.
 */
import {
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import type { ComposerStateDto } from '@shared/composer-contracts.ts';
import type { SessionDto } from '@shared/contracts.ts';
import type { TicketViewDto } from '@shared/workspace-contracts.ts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { composerApi } from './composer/composer-api.ts';
import { ComposerEditor, type EditorHandle } from './composer/composer-editor.tsx';
import { ComposerFiles, useUploads } from './composer/composer-files.tsx';
import { useComposerI18n } from './composer/composer-i18n.ts';
import { htmlHasText, savedReplyHtml } from './composer/composer-logic.ts';
import { AddressInput } from './composer/composer-recipients.tsx';
import { useComposerDraft } from './composer/use-composer-draft.ts';
import { callSeconds, replyVariables } from './composer-text.ts';
import { ChangeError } from './stale-change-notice.tsx';
import { workspaceApi } from './workspace-api.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export type ComposerMode = 'reply' | 'note' | 'call';
export type ComposerHandle = { open: (mode: ComposerMode) => void };

type Held = { messageId: number; until: number };
type Done = 'sent' | 'note' | 'undone' | null;

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
  const c = useComposerI18n();
  const ticketId = view.ticket.id;
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [html, setHtml] = useState('');
  const [cc, setCc] = useState<string[]>([]);
  const [bcc, setBcc] = useState<string[]>([]);
  const [copies, setCopies] = useState(false);
  const [mentions, setMentions] = useState<{ id: string; name: string }[]>([]);
  const [summary, setSummary] = useState('');
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [minutes, setMinutes] = useState<number | string>(5);
  const [done, setDone] = useState<Done>(null);
  const [held, setHeld] = useState<Held | null>(null);
  const [now, setNow] = useState(Date.now());
  const [dragging, setDragging] = useState(false);
  const editor = useRef<EditorHandle>(null);
  const callArea = useRef<HTMLTextAreaElement>(null);
  const files = useUploads(ticketId);

  const restore = (state: ComposerStateDto) => {
    files.setUploads(state.uploads);
    if (!state.draft) return;
    setMode(state.draft.mode);
    setHtml(state.draft.bodyHtml);
    editor.current?.setHtml(state.draft.bodyHtml);
    setCc(state.draft.cc);
    setBcc(state.draft.bcc);
    setCopies(state.draft.cc.length + state.draft.bcc.length > 0);
  };
  const draft = useComposerDraft(ticketId, restore);

  const remember = (next: {
    html?: string;
    cc?: string[];
    bcc?: string[];
    mode?: ComposerMode;
    ids?: string[];
  }) => {
    const m = next.mode ?? mode;
    if (m === 'call') return;
    draft.schedule({
      mode: m,
      bodyHtml: next.html ?? html,
      cc: next.cc ?? cc,
      bcc: next.bcc ?? bcc,
      attachmentIds: next.ids ?? files.uploads.map((u) => u.id),
    });
  };
  // Files added or removed are part of the draft too.
  const uploadIds = files.uploads.map((u) => u.id).join(',');
  const lastIds = useRef(uploadIds);
  useEffect(() => {
    if (lastIds.current === uploadIds) return;
    lastIds.current = uploadIds;
    remember({ ids: uploadIds === '' ? [] : uploadIds.split(',') });
  });

  useImperativeHandle(ref, () => ({
    open: (next) => {
      setMode(next);
      setTimeout(() => (next === 'call' ? callArea.current?.focus() : editor.current?.focus()), 0);
    },
  }));

  const typing = mode === 'reply' && htmlHasText(html);
  useEffect(() => onTyping(typing), [typing, onTyping]);

  useInterval(() => setNow(Date.now()), 500, { autoInvoke: true });
  const secondsLeft = held ? Math.max(0, Math.ceil((held.until - now) / 1000)) : 0;
  useEffect(() => {
    if (held && secondsLeft === 0) {
      setHeld(null);
      setDone('sent');
    }
  }, [held, secondsLeft]);

  const saved = useQuery({
    queryKey: ['saved-replies', view.ticket.mailboxId],
    queryFn: () => workspaceApi.savedReplies(view.ticket.mailboxId),
  });

  const clear = () => {
    draft.cancel();
    setHtml('');
    editor.current?.setHtml('');
    setCc([]);
    setBcc([]);
    setCopies(false);
    setMentions([]);
    setSummary('');
    files.setUploads([]);
    lastIds.current = '';
  };

  const send = useMutation({
    mutationFn: async (status: 'active' | 'pending' | 'closed') => {
      const body = editor.current?.html() ?? html;
      if (mode === 'reply') {
        const written = await composerApi.reply(ticketId, {
          bodyHtml: body,
          cc,
          bcc,
          attachmentIds: files.uploads.map((u) => u.id),
          status,
          version: view.version,
          undo: true,
        });
        return { kind: 'reply' as const, messageId: written.messageId };
      }
      if (mode === 'note') {
        const text = editor.current ? htmlToNoteText(body) : body;
        const named = mentions.filter((m) => text.includes(`@${m.name}`)).map((m) => m.id);
        await composerApi.note(ticketId, text, named);
        return { kind: 'note' as const, messageId: 0 };
      }
      await workspaceApi.call(ticketId, {
        direction,
        durationSeconds: callSeconds(minutes),
        summary,
      });
      return { kind: 'call' as const, messageId: 0 };
    },
    onSuccess: (result) => {
      clear();
      if (result.kind === 'reply') {
        setHeld({ messageId: result.messageId, until: Date.now() + c.undoSeconds * 1000 });
        setDone(null);
      } else setDone(result.kind === 'note' ? 'note' : 'sent');
      onSent();
    },
  });

  const undo = useMutation({
    mutationFn: async (messageId: number) => {
      await composerApi.withdraw(ticketId, messageId);
      return composerApi.state(ticketId);
    },
    onSuccess: (state) => {
      setHeld(null);
      setMode('reply');
      restore(state);
      lastIds.current = state.uploads.map((u) => u.id).join(',');
      setDone('undone');
      onSent();
    },
  });

  const insert = (id: string | null) => {
    const reply = saved.data?.savedReplies.find((r) => r.id === id);
    if (!reply) return;
    const values = {
      ...replyVariables(view, session.user.name),
      ...(draft.state?.variables ?? {}),
    };
    editor.current?.insertHtml(savedReplyHtml(reply.body, values));
  };

  const submit = () => {
    if (!send.isPending) send.mutate(mode === 'reply' ? 'pending' : 'active');
  };
  const canSend = mode === 'call' || htmlHasText(html) || files.uploads.length > 0;
  const editorMode = mode === 'note' ? 'note' : 'reply';

  return (
    <Paper
      withBorder
      p="xs"
      component="section"
      aria-label={t.composerTabs[mode]}
      onDragOver={(event) => {
        if (mode === 'reply' && event.dataTransfer.types.includes('Files')) {
          event.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        setDragging(false);
        if (mode !== 'reply' || event.dataTransfer.files.length === 0) return;
        event.preventDefault();
        void files.add([...event.dataTransfer.files], false);
      }}
      style={dragging ? { outline: '2px dashed var(--mantine-color-blue-5)' } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <SegmentedControl
            size="xs"
            value={mode}
            onChange={(value) => {
              setMode(value as ComposerMode);
              remember({ mode: value as ComposerMode });
            }}
            data={(['reply', 'note', 'call'] as const).map((m) => ({
              value: m,
              label: t.composerTabs[m],
            }))}
          />
          <Text size="xs" c="dimmed" role="status" data-testid="draft-status">
            {draft.status === 'saved'
              ? c.draftSaved
              : draft.status === 'saving'
                ? c.draftSaving
                : draft.status === 'restored'
                  ? c.draftRestored
                  : ''}
          </Text>
        </Group>
        {mode === 'reply' && (
          <>
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <Text size="xs" c="dimmed" style={{ flex: 1 }}>
                {c.to} : {view.contact?.email ?? '—'}
              </Text>
              {!copies && (
                <Anchor component="button" type="button" size="xs" onClick={() => setCopies(true)}>
                  {c.addCc}
                </Anchor>
              )}
              {(saved.data?.savedReplies.length ?? 0) > 0 && (
                <Select
                  size="xs"
                  aria-label={t.savedReplyLabel}
                  placeholder={t.savedReplyLabel}
                  data={(saved.data?.savedReplies ?? []).map((r) => ({
                    value: r.id,
                    label: r.name,
                  }))}
                  value={null}
                  onChange={insert}
                  searchable
                  w={220}
                />
              )}
            </Group>
            {copies && (
              <Group gap="xs" grow>
                <AddressInput
                  label={c.cc}
                  value={cc}
                  onChange={(next) => {
                    setCc(next);
                    remember({ cc: next });
                  }}
                />
                <AddressInput
                  label={c.bcc}
                  value={bcc}
                  onChange={(next) => {
                    setBcc(next);
                    remember({ bcc: next });
                  }}
                />
              </Group>
            )}
          </>
        )}
        {mode === 'call' ? (
          <>
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
            <Textarea
              ref={callArea}
              label={t.callSummaryLabel}
              value={summary}
              onChange={(event) => setSummary(event.currentTarget.value)}
              autosize
              minRows={3}
              maxRows={12}
              onKeyDown={(event) => {
                if (event.key === 'Escape') event.currentTarget.blur();
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  submit();
                }
              }}
            />
          </>
        ) : (
          <Box>
            <ComposerEditor
              key={editorMode}
              ref={editor}
              label={c.editorLabel[editorMode]}
              placeholder={c.placeholder[editorMode]}
              initialHtml={html}
              onChange={(next) => {
                setHtml(next);
                setDone(null);
                remember({ html: next });
              }}
              onFiles={
                mode === 'reply' ? (list, pasted) => void files.add(list, pasted) : undefined
              }
              onSubmit={submit}
              colleagues={mode === 'note' ? (draft.state?.colleagues ?? []) : undefined}
              onMention={(colleague) =>
                setMentions((list) =>
                  list.some((m) => m.id === colleague.id) ? list : [...list, colleague],
                )
              }
            />
            {mode === 'reply' && (
              <Text size="xs" c="dimmed" mt={2}>
                {c.variablesHelp}
              </Text>
            )}
            {mode === 'note' && mentions.length > 0 && (
              <Text size="xs" c="dimmed" mt={2}>
                {c.mentioned(mentions.map((m) => m.name).join(', '))}
              </Text>
            )}
          </Box>
        )}
        {mode === 'reply' && <ComposerFiles files={files} />}
        {send.isError && <ChangeError error={send.error} />}
        {undo.isError && <ChangeError error={undo.error} />}
        {held && (
          <Alert color="blue" role="status" p="xs">
            <Group justify="space-between" gap="xs">
              <Text size="sm">{c.queued(secondsLeft)}</Text>
              <Button
                size="compact-sm"
                variant="white"
                onClick={() => undo.mutate(held.messageId)}
                loading={undo.isPending}
              >
                {c.undo}
              </Button>
            </Group>
          </Alert>
        )}
        {done && (
          <Alert color={done === 'undone' ? 'yellow' : 'green'} role="status" p="xs">
            {done === 'undone' ? c.undone : done === 'note' ? c.noteAdded : c.sent}
          </Alert>
        )}
        <Group gap="xs">
          {mode === 'reply' ? (
            <>
              <Button
                onClick={() => send.mutate('closed')}
                loading={send.isPending}
                disabled={!canSend || files.busy}
              >
                {t.sendAndClose}
              </Button>
              <Button
                variant="default"
                onClick={() => send.mutate('pending')}
                loading={send.isPending}
                disabled={!canSend || files.busy}
              >
                {t.sendAndWait}
              </Button>
            </>
          ) : (
            <Button
              onClick={() => send.mutate('active')}
              loading={send.isPending}
              disabled={mode === 'note' ? !htmlHasText(html) : summary.trim() === ''}
            >
              {mode === 'note' ? t.addNote : t.logCall}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
});

/** A note is stored as text: the editor's paragraphs and list items, one per line. */
function htmlToNoteText(html: string): string {
  // DOMParser's document runs no script and loads no image.
  const marked = html.replace(/<\/(p|li|blockquote)>/g, '</$1>\n').replace(/<br\s*\/?>/g, '\n');
  const text = new DOMParser().parseFromString(marked, 'text/html').body.textContent ?? '';
  return text.replace(/\n{3,}/g, '\n\n').trim();
}
