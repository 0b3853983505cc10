/**
 * The ticket screen (issue 6 §2): the thread in order, the contact and
 * classification panels, status / assignee / tags, the composer (reply, note,
 * call), merge and split, and who else is here. Keyboard: r reply, n note,
 * l call, c close, a assign to me, j/k next/previous ticket, Esc back.
 */
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import {
  type ThreadItemDto,
  type TicketViewDto,
  ticketStatuses,
} from '@shared/workspace-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { navigate } from '../../router.ts';
import { Classification, focusFirstToClassify } from './classification-panel.tsx';
import { Composer, type ComposerHandle } from './composer.tsx';
import { isTyping } from './inbox-page.tsx';
import { lastListHref, neighbourTicket } from './ticket-order.ts';
import { workspaceApi } from './workspace-api.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function TicketPage({ session, ticketId }: { session: SessionDto; ticketId: number }) {
  const t = useWorkspaceI18n();
  const queryClient = useQueryClient();
  const view = useQuery({
    queryKey: ['ticket', ticketId],
    queryFn: () => workspaceApi.ticket(ticketId),
  });
  const composer = useRef<ComposerHandle>(null);
  const classification = useRef<HTMLElement>(null);
  const [typing, setTyping] = useState(false);
  const presence = useQuery({
    queryKey: ['presence', ticketId, typing],
    queryFn: () => workspaceApi.presence(ticketId, typing),
    refetchInterval: 10_000,
  });
  useEffect(() => () => void workspaceApi.leave(ticketId).catch(() => {}), [ticketId]);

  const change = useMutation({
    mutationFn: (input: Parameters<typeof workspaceApi.change>[1]) =>
      workspaceApi.change(ticketId, input),
    onSettled: () => refresh(),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] });
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    void queryClient.invalidateQueries({ queryKey: ['counts'] });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event)) return;
      const go = (step: 1 | -1) => {
        const next = neighbourTicket(ticketId, step);
        if (next !== null) navigate(`/tickets/${next}`);
      };
      const actions: Record<string, () => void> = {
        r: () => composer.current?.open('reply'),
        n: () => composer.current?.open('note'),
        l: () => composer.current?.open('call'),
        c: () => change.mutate({ status: 'closed' }),
        a: () => change.mutate({ assigneeId: session.user.id }),
        f: () => focusFirstToClassify(classification.current),
        j: () => go(1),
        k: () => go(-1),
      };
      const action = event.key === 'Escape' ? () => navigate(lastListHref()) : actions[event.key];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    if (view.data)
      document.title = `#${view.data.ticket.number} ${view.data.ticket.subject} — Guichet`;
  }, [view.data]);

  if (view.isPending) return <Loader aria-label="…" role="status" />;
  if (view.isError)
    return (
      <Alert color="red" role="alert">
        {isApiError(view.error) && view.error.status === 404
          ? t.ticketNotFound
          : view.error.message}
      </Alert>
    );
  const data = view.data;
  const others = presence.data?.others ?? [];
  const typers = others.filter((o) => o.typing).map((o) => o.name);
  const viewers = others.filter((o) => !o.typing).map((o) => o.name);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Anchor
          href={lastListHref()}
          onClick={(event) => {
            event.preventDefault();
            navigate(lastListHref());
          }}
        >
          ← {t.backToInbox}
        </Anchor>
        <Text size="sm" c="dark.6">
          {t.shortcutsHint}
        </Text>
      </Group>
      <Title order={1} fz="h2">
        {t.ticketHeading(data.ticket.number, data.ticket.subject || '—')}
      </Title>
      <Group gap="xs">
        <Badge>{t.statuses[data.ticket.status]}</Badge>
        <Badge variant="outline">{data.ticket.mailboxName}</Badge>
        {data.ticket.mergedIntoId && (
          <Anchor href={`/tickets/${data.ticket.mergedIntoId}`}>
            → #{data.ticket.mergedIntoId}
          </Anchor>
        )}
      </Group>
      <div aria-live="polite">
        {typers.length > 0 && (
          <Alert color="orange" role="status">
            {t.presenceTyping(typers.join(', '))}
          </Alert>
        )}
        {viewers.length > 0 && (
          <Alert color="blue" role="status">
            {t.presenceViewing(viewers.join(', '))}
          </Alert>
        )}
      </div>
      {change.isError && (
        <Alert color="red" role="alert">
          {change.error.message}
        </Alert>
      )}
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Stack style={{ flex: 2, minWidth: 300 }} gap="sm">
          <Thread items={data.thread} onSplit={refresh} />
          <Composer
            ref={composer}
            view={data}
            session={session}
            onTyping={setTyping}
            onSent={refresh}
          />
        </Stack>
        <Stack style={{ flex: 1, minWidth: 260 }} gap="md">
          <TicketControls
            view={data}
            session={session}
            onChange={(input) => change.mutate(input)}
            pending={change.isPending}
          />
          <Classification ref={classification} view={data} session={session} onSaved={refresh} />
          <ContactPanel view={data} />
          <MergeButton ticketId={ticketId} />
        </Stack>
      </Group>
    </Stack>
  );
}

function Thread({ items, onSplit }: { items: ThreadItemDto[]; onSplit: () => void }) {
  const t = useWorkspaceI18n();
  const customers = items.filter((i) => i.kind === 'customer').length;
  const split = useMutation({
    mutationFn: workspaceApi.split,
    onSuccess: () => onSplit(),
  });
  return (
    <Stack
      component="ol"
      aria-label={t.thread}
      gap="sm"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {split.isSuccess && (
        <Alert color="green" role="status">
          {t.splitDone(split.data.number)}{' '}
          <Anchor href={`/tickets/${split.data.ticketId}`}>#{split.data.number}</Anchor>
        </Alert>
      )}
      {items.map((item) =>
        item.kind === 'event' ? (
          <Box component="li" key={item.id}>
            <Text size="sm" c="dark.6" fs="italic">
              {new Date(item.createdAt).toLocaleString()} · {item.author ? `${item.author} · ` : ''}
              {t.event(item.eventType ?? '', eventData(item, t.statuses))}
            </Text>
          </Box>
        ) : (
          <Paper
            component="li"
            key={item.id}
            withBorder
            p="sm"
            data-kind={item.kind}
            style={{
              background:
                item.kind === 'note'
                  ? 'var(--mantine-color-yellow-0)'
                  : item.kind === 'reply'
                    ? 'var(--mantine-color-blue-0)'
                    : undefined,
            }}
          >
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600} size="sm">
                {t.kinds[item.kind]} · {item.author ?? item.fromAddress ?? ''}
              </Text>
              <Text size="sm" c="dark.6">
                {new Date(item.createdAt).toLocaleString()}
              </Text>
            </Group>
            {item.kind === 'phone' && (
              <Text size="sm">
                {t.callSummary(
                  item.callDirection ?? 'inbound',
                  Math.round((item.callDurationSeconds ?? 0) / 60),
                )}
              </Text>
            )}
            {item.masked.length > 0 && (
              <Text size="xs" c="orange.9">
                {t.maskedNotice}
              </Text>
            )}
            {item.bodyHtml ? (
              <HtmlBody html={item.bodyHtml} title={`${t.kinds[item.kind]} ${item.id}`} />
            ) : (
              <Text style={{ whiteSpace: 'pre-wrap' }} mt="xs">
                {item.bodyText}
              </Text>
            )}
            {item.attachments.length > 0 && (
              <Box mt="xs">
                <Text size="sm" fw={600}>
                  {t.attachments}
                </Text>
                <Group gap="sm">
                  {item.attachments.map((a) => (
                    <Stack key={a.id} gap={2}>
                      {a.isImage && (
                        <img
                          src={`/api/attachments/${a.id}?inline=1`}
                          alt={a.filename}
                          style={{ maxWidth: 160, maxHeight: 120 }}
                        />
                      )}
                      <Anchor href={`/api/attachments/${a.id}`} download={a.filename} size="sm">
                        {t.download} {a.filename} ({Math.ceil(a.sizeBytes / 1024)} Ko)
                      </Anchor>
                    </Stack>
                  ))}
                </Group>
              </Box>
            )}
            {item.rating && (
              <Text size="sm" mt="xs">
                {t.ratingLabel} : {t.rating[item.rating.level]}
                {item.rating.comment ? ` — ${item.rating.comment}` : ''}
              </Text>
            )}
            {item.kind === 'customer' && customers > 1 && (
              <Button
                size="xs"
                variant="subtle"
                mt="xs"
                onClick={() => split.mutate(item.id)}
                loading={split.isPending}
              >
                {t.split}
              </Button>
            )}
          </Paper>
        ),
      )}
    </Stack>
  );
}

/** An event's data, statuses named in the page's language. */
function eventData(item: ThreadItemDto, statuses: Record<string, string>): Record<string, unknown> {
  const data = (item.eventData ?? {}) as Record<string, unknown>;
  if (item.eventType !== 'status_changed') return data;
  return {
    from: statuses[String(data.from)] ?? data.from,
    to: statuses[String(data.to)] ?? data.to,
  };
}

/** Sanitised HTML in a sandboxed frame: no scripts, no access to the app. */
function HtmlBody({ html, title }: { html: string; title: string }) {
  const [height, setHeight] = useState(120);
  const doc = `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1a1b1e;word-wrap:break-word}.quoted{color:#555;border-left:2px solid #ccc;padding-left:8px}img{max-width:100%}</style></head><body>${html}</body></html>`;
  return (
    <iframe
      title={title}
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      srcDoc={doc}
      style={{ width: '100%', border: 0, height, marginTop: 8 }}
      onLoad={(event) => {
        const body = event.currentTarget.contentDocument?.body;
        if (body) setHeight(Math.min(2000, body.scrollHeight + 16));
      }}
    />
  );
}

function TicketControls(props: {
  view: TicketViewDto;
  session: SessionDto;
  onChange: (input: {
    status?: (typeof ticketStatuses)[number];
    assigneeId?: string | null;
    tags?: string[];
  }) => void;
  pending: boolean;
}) {
  const t = useWorkspaceI18n();
  const { ticket, agents } = props.view;
  const [tags, setTags] = useState(ticket.tags.join(', '));
  useEffect(() => setTags(ticket.tags.join(', ')), [ticket.tags]);
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
            props.onChange({
              tags: tags
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean),
            });
          }}
        >
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t.tagsLabel}
              value={tags}
              onChange={(e) => setTags(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button type="submit" size="sm" variant="default">
              {t.save}
            </Button>
          </Group>
        </form>
      </Stack>
    </Paper>
  );
}

function ContactPanel({ view }: { view: TicketViewDto }) {
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
                href={`/tickets/${p.id}`}
                size="sm"
                onClick={(event) => {
                  event.preventDefault();
                  navigate(`/tickets/${p.id}`);
                }}
              >
                #{p.number} {p.subject}
              </Anchor>{' '}
              <Text component="span" size="xs" c="dark.6">
                ({t.statuses[p.status]})
              </Text>
            </li>
          ))}
        </Box>
      )}
    </Paper>
  );
}

function MergeButton({ ticketId }: { ticketId: number }) {
  const t = useWorkspaceI18n();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<number | string>('');
  const merge = useMutation({
    mutationFn: async () => {
      const number = Number(target);
      const found = await workspaceApi.inbox({ folder: 'all', q: String(number), limit: '10' });
      const into = found.tickets.find((x) => x.number === number);
      if (!into) throw new Error(t.mergeNotFound(number));
      return workspaceApi.merge(ticketId, into.id);
    },
    onSuccess: (result) => {
      setOpen(false);
      navigate(`/tickets/${result.ticketId}`);
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
