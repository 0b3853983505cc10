/**
 * The side navigation's tickets part: every mailbox the user sees (and "all
 * mailboxes") with its unassigned count, and under the current one its
 * folders with their live counts. The counts are the inbox's reads, kept
 * fresh by the live stream (use-live.ts).
 */
import { Badge, Box, NavLink, Text } from '@mantine/core';
import { type FolderCountsDto, folders } from '@shared/workspace-contracts.ts';
import { useQueries, useQuery } from '@tanstack/react-query';
import { navigate, useLocation } from '../router.ts';
import {
  folderHref,
  type InboxFilters,
  isCurrentFolder,
  parseInboxFilters,
} from '../routes/workspace/inbox-params.ts';
import { lastListHref } from '../routes/workspace/ticket-order.ts';
import { workspaceApi } from '../routes/workspace/workspace-api.ts';
import { useWorkspaceI18n } from '../routes/workspace/workspace-i18n.ts';
import { navLinkStyle } from './preferences.ts';
import { useShellI18n } from './shell-i18n.ts';

/** The inbox filters the navigation follows: the list's own, or the last list's on a ticket. */
function listFilters(pathname: string, search: string): InboxFilters | null {
  if (pathname === '/inbox') return parseInboxFilters(search);
  if (pathname.startsWith('/tickets/'))
    return parseInboxFilters(lastListHref().split('?')[1] ?? '');
  return null;
}

const countOf = (counts: FolderCountsDto | undefined, folder: string): number | null =>
  counts && folder in counts ? counts[folder as keyof FolderCountsDto] : null;

function CountBadge({ count }: { count: number | null }) {
  if (count === null) return null;
  return (
    <Badge variant="light" size="sm" radius="sm">
      {count}
    </Badge>
  );
}

export function MailboxNav({ onNavigate }: { onNavigate: () => void }) {
  const s = useShellI18n();
  const t = useWorkspaceI18n();
  const { pathname, search } = useLocation();
  const filters = listFilters(pathname, search);
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: workspaceApi.mailboxes });
  const boxes = [
    { id: undefined, name: s.allMailboxes },
    ...(mailboxes.data?.mailboxes ?? []).map((m) => ({
      id: m.id as string | undefined,
      name: m.name,
    })),
  ];
  const counts = useQueries({
    queries: boxes.map((box) => ({
      queryKey: ['counts', box.id],
      queryFn: () => workspaceApi.counts(box.id),
    })),
  });
  const go = (href: string) => (event: React.MouseEvent) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
    onNavigate();
  };

  return (
    <Box component="nav" aria-label={s.ticketsNav}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="xs" mb={4}>
        {s.ticketsHeading}
      </Text>
      {boxes.map((box, index) => {
        const currentBox = filters !== null && (filters.mailbox ?? undefined) === box.id;
        const boxCounts = counts[index]?.data;
        const href = folderHref('unassigned', box.id);
        return (
          <Box key={box.id ?? 'all'}>
            <NavLink
              component="a"
              href={href}
              onClick={go(href)}
              label={box.name}
              fw={600}
              py={4}
              rightSection={
                currentBox ? null : <CountBadge count={countOf(boxCounts, 'unassigned')} />
              }
            />
            {currentBox &&
              folders
                .filter((f) => f !== 'all')
                .map((folder) => {
                  const current = pathname === '/inbox' && isCurrentFolder(folder, filters);
                  const folderLink = folderHref(folder, box.id);
                  return (
                    <NavLink
                      key={folder}
                      component="a"
                      href={folderLink}
                      onClick={go(folderLink)}
                      label={t.folders[folder]}
                      active={current}
                      style={navLinkStyle}
                      aria-current={current ? 'page' : undefined}
                      pl="lg"
                      py={3}
                      rightSection={<CountBadge count={countOf(boxCounts, folder)} />}
                    />
                  );
                })}
          </Box>
        );
      })}
    </Box>
  );
}
