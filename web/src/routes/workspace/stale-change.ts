/**
 * A change refused because the ticket changed first (issue 16 §7: 409
 * `stale_ticket`): the changes it missed, and the sentence that says who made
 * them and what they were. Pure; stale-change-notice.tsx shows it.
 */
import type { StaleChangeDto } from '@shared/workspace-contracts.ts';
import { isApiError } from '../../api/client.ts';
import type { StatusNames, TicketNoticeMessages } from './ticket-notices-i18n.ts';

/** The changes a `stale_ticket` refusal lists; null for any other error. */
export function staleChangesOf(error: unknown): StaleChangeDto[] | null {
  if (!isApiError(error) || error.code !== 'stale_ticket') return null;
  const changes = error.body?.changes;
  return Array.isArray(changes) ? (changes as StaleChangeDto[]) : [];
}

const joined = (items: string[], and: string): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;

const unique = (items: string[]): string[] => [...new Set(items)];

function changeText(change: StaleChangeDto, t: TicketNoticeMessages, statuses: StatusNames) {
  const data = (change.data ?? {}) as { from?: string; to?: string };
  const status = (name: string | undefined) =>
    (name && statuses[name as keyof StatusNames]) ?? name ?? '';
  switch (change.type) {
    case 'ticket.status_changed':
      return t.changes.status(status(data.from), status(data.to));
    case 'ticket.assignee_changed':
      return t.changes.assignee;
    case 'ticket.field_changed':
      return t.changes.field;
    case 'ticket.tag_added':
    case 'ticket.tag_removed':
      return t.changes.tags;
    case 'ticket.merged':
    case 'ticket.merge_received':
      return t.changes.merge;
    default:
      return t.changes.other;
  }
}

/** "Ce ticket a été modifié par Agathe pendant que vous le consultiez : statut Actif → Fermé. …" */
export function describeStaleChanges(
  changes: StaleChangeDto[],
  t: TicketNoticeMessages,
  statuses: StatusNames,
): string {
  const who = unique(changes.map((c) => c.by ?? t.actors[c.byKind] ?? t.someone));
  const what = unique(changes.map((c) => changeText(c, t, statuses)));
  return t.stale(joined(who, t.and) || t.someone, joined(what, t.and) || t.changes.other);
}
