/**
 * The inbox (issue 6 §1): folders with live counts, search, filters and sort
 * in the URL, the ticket list (keyset pages), selection and bulk actions.
 * Keyboard: j/k move, Enter opens, x selects, / searches.
 */
import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Loader,
  NavLink,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import {
  type Folder,
  folders,
  type InboxSort,
  sorts,
  type TicketSummaryDto,
  ticketStatuses,
} from '@shared/workspace-contracts.ts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { LoadMoreButton } from '../../components/load-more-button.tsx';
import { navigate, useLocation } from '../../router.ts';
import { setTicketOrder } from './ticket-order.ts';
import { workspaceApi } from './workspace-api.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

const filterKeys = [
  'folder',
  'mailbox',
  'q',
  'sort',
  'status',
  'assignee',
  'field',
  'tag',
  'organisation',
  'from',
  'to',
] as const;
type Params = Partial<Record<(typeof filterKeys)[number], string>>;

function useInboxParams(): [Params, (next: Params) => void] {
  const { search } = useLocation();
  const params = useMemo(() => {
    const url = new URLSearchParams(search);
    const out: Params = {};
    for (const key of filterKeys) {
      const value = url.get(key);
      if (value) out[key] = value;
    }
    return out;
  }, [search]);
  const set = (next: Params) => {
    const url = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...params, ...next }))
      if (value) url.set(key, value);
    navigate(`/inbox?${url.toString()}`, { replace: true });
  };
  return [params, set];
}

export function InboxPage({ session }: { session: SessionDto }) {
  const t = useWorkspaceI18n();
  const [params, setParams] = useInboxParams();
  const folder = (params.folder as Folder | undefined) ?? 'unassigned';
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: workspaceApi.mailboxes });
  const options = useQuery({ queryKey: ['filter-options'], queryFn: workspaceApi.filterOptions });
  const counts = useQuery({
    queryKey: ['counts', params.mailbox],
    queryFn: () => workspaceApi.counts(params.mailbox),
  });
  const list = useInfiniteQuery({
    queryKey: ['inbox', params],
    queryFn: ({ pageParam }) =>
      workspaceApi.inbox({
        ...params,
        folder: params.q && !params.folder ? 'all' : folder,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const tickets = useMemo(() => list.data?.pages.flatMap((p) => p.tickets) ?? [], [list.data]);
  const [cursor, setCursor] = useState(0);
  const cursorRef = useRef(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    setTicketOrder(
      tickets.map((x) => x.id),
      `/inbox${window.location.search}`,
    );
  }, [tickets]);
  useEffect(() => {
    document.title = `${t.folders[folder]} — ${t.inboxTitle} — Guichet`;
  }, [folder, t]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event)) return;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.key === 'j' || event.key === 'k') {
        event.preventDefault();
        // The first j or k lands on the current row; later ones move from it.
        const links = listRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-ticket]') ?? [];
        const onRow = Array.prototype.indexOf.call(links, document.activeElement) !== -1;
        const step = onRow ? (event.key === 'j' ? 1 : -1) : 0;
        // Focus moves now, not in a state updater: React may run that only at its next
        // render, after a quick Enter has already opened the previously focused ticket.
        const next = Math.max(0, Math.min(links.length - 1, cursorRef.current + step));
        cursorRef.current = next;
        links[next]?.focus();
        setCursor(next);
      } else if (event.key === 'x') {
        const ticket = tickets[cursor];
        if (ticket) toggle(ticket.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = new FormData(event.currentTarget).get('q');
    setParams({
      q: typeof q === 'string' ? q.trim() : undefined,
      folder: typeof q === 'string' && q.trim() ? 'all' : params.folder,
    });
  };

  const fields = (options.data?.fields ?? []).filter(
    (f) => !params.mailbox || f.mailboxId === params.mailbox,
  );
  const [fieldId, valueId] = (params.field ?? ':').split(':');
  const chosenField = fields.find((f) => f.id === fieldId);

  return (
    <Group align="flex-start" gap="lg" wrap="wrap">
      <Box component="nav" aria-label={t.foldersLabel} w={{ base: '100%', sm: 200 }}>
        <Select
          label={t.mailboxLabel}
          data={[
            { value: '', label: t.allMailboxes },
            ...(mailboxes.data?.mailboxes ?? []).map((m) => ({ value: m.id, label: m.name })),
          ]}
          value={params.mailbox ?? ''}
          onChange={(value) => setParams({ mailbox: value || undefined, field: undefined })}
          allowDeselect={false}
          mb="sm"
        />
        {folders
          .filter((f) => f !== 'all')
          .map((f) => {
            const count =
              counts.data && f in counts.data ? counts.data[f as keyof typeof counts.data] : null;
            return (
              <NavLink
                key={f}
                href={`/inbox?folder=${f}${params.mailbox ? `&mailbox=${params.mailbox}` : ''}`}
                label={t.folders[f]}
                active={folder === f && !params.q}
                aria-current={folder === f && !params.q ? 'page' : undefined}
                rightSection={
                  count !== null ? (
                    <Badge variant="light" aria-label={`${count}`}>
                      {count}
                    </Badge>
                  ) : null
                }
                onClick={(event) => {
                  event.preventDefault();
                  setSelected(new Set());
                  setParams({ folder: f, q: undefined });
                }}
              />
            );
          })}
      </Box>
      <Stack style={{ flex: 1, minWidth: 280 }} gap="sm">
        <Title order={1}>
          {params.q
            ? `${t.inboxTitle} — « ${params.q} »`
            : `${t.inboxTitle} — ${t.folders[folder]}`}
        </Title>
        <form onSubmit={onSearch}>
          <Group align="flex-end" gap="xs">
            <TextInput
              ref={searchRef}
              name="q"
              key={params.q ?? ''}
              defaultValue={params.q ?? ''}
              label={t.searchLabel}
              placeholder={t.searchPlaceholder}
              style={{ flex: 1, minWidth: 200 }}
              maxLength={200}
            />
            <Button type="submit">{t.searchPlaceholder.replace('…', '')}</Button>
          </Group>
        </form>
        <Box
          component="fieldset"
          style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}
          p="xs"
        >
          <legend>{t.filtersLegend}</legend>
          <Group gap="xs" align="flex-end" wrap="wrap">
            <Select
              label={t.sortLabel}
              data={sorts.map((s) => ({ value: s, label: t.sorts[s as InboxSort] }))}
              value={params.sort ?? 'recent'}
              onChange={(value) => setParams({ sort: value ?? undefined })}
              allowDeselect={false}
              w={170}
            />
            <Select
              label={t.statusLabel}
              data={[
                { value: '', label: t.anyStatus },
                ...ticketStatuses.map((s) => ({ value: s, label: t.statuses[s] })),
              ]}
              value={params.status ?? ''}
              onChange={(value) => setParams({ status: value || undefined })}
              w={150}
            />
            <Select
              label={t.assigneeLabel}
              data={[
                { value: '', label: t.anyone },
                { value: 'none', label: t.nobody },
                ...(options.data?.agents ?? []).map((a) => ({ value: a.id, label: a.name })),
              ]}
              value={params.assignee ?? ''}
              onChange={(value) => setParams({ assignee: value || undefined })}
              w={170}
              searchable
            />
            <Select
              label={t.fieldFilterLabel}
              data={[
                { value: '', label: '—' },
                ...fields.map((f) => ({ value: f.id, label: f.label })),
              ]}
              value={fieldId ?? ''}
              onChange={(value) => setParams({ field: value ? `${value}:none` : undefined })}
              w={200}
            />
            {chosenField && (
              <Select
                label={t.valueFilterLabel}
                data={[
                  { value: 'none', label: t.notFilled },
                  ...chosenField.values.map((v) => ({ value: v.id, label: v.label })),
                ]}
                value={valueId ?? 'none'}
                onChange={(value) => setParams({ field: `${chosenField.id}:${value ?? 'none'}` })}
                w={200}
                searchable
              />
            )}
            <Select
              label={t.tagFilterLabel.replace(' (nom exact)', '').replace(' (exact name)', '')}
              data={[
                { value: '', label: '—' },
                ...(options.data?.tags ?? []).map((x) => ({ value: x.id, label: x.name })),
              ]}
              value={params.tag ?? ''}
              onChange={(value) => setParams({ tag: value || undefined })}
              w={150}
              searchable
            />
            <Select
              label={t.organisation}
              data={[
                { value: '', label: '—' },
                ...(options.data?.organisations ?? []).map((x) => ({ value: x.id, label: x.name })),
              ]}
              value={params.organisation ?? ''}
              onChange={(value) => setParams({ organisation: value || undefined })}
              w={200}
              searchable
            />
            <TextInput
              type="date"
              label={t.fromLabel}
              value={params.from ?? ''}
              onChange={(e) => setParams({ from: e.currentTarget.value || undefined })}
              w={160}
            />
            <TextInput
              type="date"
              label={t.toLabel}
              value={params.to ?? ''}
              onChange={(e) => setParams({ to: e.currentTarget.value || undefined })}
              w={160}
            />
            <Button
              variant="default"
              onClick={() => navigate(`/inbox?folder=${folder}`, { replace: true })}
            >
              {t.clearFilters}
            </Button>
          </Group>
        </Box>
        {selected.size > 0 && (
          <BulkBar
            session={session}
            ids={[...selected]}
            agents={options.data?.agents ?? []}
            onDone={() => setSelected(new Set())}
          />
        )}
        {list.isPending && <Loader aria-label="…" role="status" />}
        {list.isError && (
          <Alert color="red" role="alert">
            {list.error.message}
          </Alert>
        )}
        {list.isSuccess && tickets.length === 0 && <Text>{t.noTickets}</Text>}
        <Box
          component="ul"
          ref={listRef}
          aria-label={t.inboxTitle}
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {tickets.map((ticket, index) => (
            <TicketRow
              key={ticket.id}
              ticket={ticket}
              current={index === cursor}
              selected={selected.has(ticket.id)}
              onToggle={() => toggle(ticket.id)}
              onFocus={() => {
                cursorRef.current = index;
                setCursor(index);
              }}
            />
          ))}
        </Box>
        <LoadMoreButton query={list} />
      </Stack>
    </Group>
  );
}

export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  return (
    !!target &&
    (target.isContentEditable ||
      ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
      target.getAttribute('role') === 'combobox')
  );
}

function TicketRow(props: {
  ticket: TicketSummaryDto;
  current: boolean;
  selected: boolean;
  onToggle: () => void;
  onFocus: () => void;
}) {
  const t = useWorkspaceI18n();
  const { ticket } = props;
  return (
    <Box
      component="li"
      py="xs"
      px="sm"
      style={{
        borderBottom: '1px solid var(--mantine-color-gray-3)',
        background: props.current ? 'var(--mantine-color-blue-0)' : undefined,
      }}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Checkbox
          mt={4}
          checked={props.selected}
          onChange={props.onToggle}
          aria-label={t.selectTicket(ticket.number)}
        />
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <a
              href={`/tickets/${ticket.id}`}
              data-ticket={ticket.id}
              onFocus={props.onFocus}
              onClick={(event) => {
                if (event.button !== 0 || event.ctrlKey || event.metaKey) return;
                event.preventDefault();
                navigate(`/tickets/${ticket.id}`);
              }}
              style={{ fontWeight: 600, color: 'var(--mantine-color-blue-9)' }}
            >
              #{ticket.number} {ticket.subject || '—'}
            </a>
            <Text size="sm" c="dark.6">
              {new Date(ticket.lastMessageAt).toLocaleString()}
            </Text>
          </Group>
          <Text size="sm" c="dark.6">
            {ticket.contact?.name ?? ticket.contact?.email ?? ''}
            {ticket.organisationName ? ` · ${ticket.organisationName}` : ''} ·{' '}
            {t.statuses[ticket.status]} · {ticket.assignee?.name ?? t.unassignedShort}
            {ticket.tags.length > 0 ? ` · ${ticket.tags.join(', ')}` : ''}
          </Text>
          <Text size="sm" c="dark.5" lineClamp={1}>
            {ticket.preview}
          </Text>
        </Box>
      </Group>
    </Box>
  );
}

function BulkBar(props: {
  session: SessionDto;
  ids: number[];
  agents: { id: string; name: string }[];
  onDone: () => void;
}) {
  const t = useWorkspaceI18n();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<string>('');
  const [refused, setRefused] = useState<string[]>([]);
  const bulk = useMutation({
    mutationFn: workspaceApi.bulk,
    onSuccess: (result) => {
      setRefused(result.refused.map((r) => `#${r.ticketId}: ${r.reason}`));
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      void queryClient.invalidateQueries({ queryKey: ['counts'] });
      if (result.refused.length === 0) props.onDone();
    },
  });
  const run = () => {
    const [type, value = ''] = action.split(':');
    const ticketIds = props.ids;
    if (type === 'assign')
      bulk.mutate({ ticketIds, action: { type: 'assign', assigneeId: value || null } });
    if (type === 'status')
      bulk.mutate({ ticketIds, action: { type: 'status', status: value as 'closed' } });
    if (type === 'merge') {
      const [into, ...rest] = [...ticketIds].sort((a, b) => a - b);
      if (into !== undefined && rest.length > 0)
        bulk.mutate({ ticketIds: rest, action: { type: 'merge', intoTicketId: into } });
    }
    if (type === 'tag') {
      const tag = window.prompt(t.bulkTag);
      if (tag?.trim()) bulk.mutate({ ticketIds, action: { type: 'tag', tag: tag.trim() } });
    }
  };
  return (
    <Box
      role="region"
      aria-label={t.selected(props.ids.length)}
      p="xs"
      style={{ background: 'var(--mantine-color-gray-1)' }}
    >
      <Group gap="xs" align="flex-end">
        <Text fw={600}>{t.selected(props.ids.length)}</Text>
        <Select
          aria-label={t.apply}
          placeholder={t.apply}
          value={action}
          onChange={(value) => setAction(value ?? '')}
          data={[
            {
              group: t.bulkAssign,
              items: [
                { value: 'assign:', label: t.nobody },
                ...props.agents.map((a) => ({ value: `assign:${a.id}`, label: a.name })),
              ],
            },
            {
              group: t.bulkStatus,
              items: ticketStatuses.map((s) => ({ value: `status:${s}`, label: t.statuses[s] })),
            },
            {
              group: '…',
              items: [
                { value: 'tag:', label: t.bulkTag },
                { value: 'merge:', label: t.bulkMerge },
              ],
            },
          ]}
          w={240}
        />
        <Button onClick={run} disabled={!action} loading={bulk.isPending}>
          {t.apply}
        </Button>
      </Group>
      {refused.length > 0 && (
        <Alert color="orange" mt="xs" role="status" title={t.bulkRefused(refused.length)}>
          {refused.join(' ; ')}
        </Alert>
      )}
    </Box>
  );
}
