/**
 * The inbox's active filters as chips (issue 15 §2): one per filter set in
 * the address, with the words an agent reads ("Statut : En attente") and what
 * removing it clears. Folder, mailbox and search are not chips (the side
 * navigation and the search field show them). Pure: no React, no DOM.
 */
import type { FilterOptionsDto, InboxSort, TicketStatusName } from '@shared/workspace-contracts.ts';
import { type FilterKey, type InboxFilters, splitFieldFilter } from './inbox-params.ts';

export type FilterChip = { key: FilterKey; label: string };

/** The words the chips use (workspace-i18n.ts). */
export type ChipTexts = {
  sortLabel: string;
  sorts: Record<InboxSort, string>;
  statusLabel: string;
  statuses: Record<TicketStatusName, string>;
  assigneeLabel: string;
  nobody: string;
  notFilled: string;
  tagLabel: string;
  organisation: string;
  fromLabel: string;
  toLabel: string;
};

const nameIn = (list: { id: string; name: string }[] | undefined, id: string): string =>
  list?.find((x) => x.id === id)?.name ?? '…';

/** A date of the address (`2026-01-31`) as French people write it (`31/01/2026`). */
const shownDate = (value: string): string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
};

function fieldChip(value: string, options: FilterOptionsDto | undefined, t: ChipTexts): string {
  const [fieldId, valueId] = splitFieldFilter(value);
  const field = options?.fields.find((f) => f.id === fieldId);
  const chosen =
    valueId === 'none' ? t.notFilled : (field?.values.find((v) => v.id === valueId)?.label ?? '…');
  return `${field?.label ?? '…'} : ${chosen}`;
}

/** The chips of the active filters, in the order of the filter panel. */
export function filterChips(
  filters: InboxFilters,
  options: FilterOptionsDto | undefined,
  t: ChipTexts,
): FilterChip[] {
  const chips: FilterChip[] = [];
  const add = (key: FilterKey, label: string) => chips.push({ key, label });
  if (filters.sort && filters.sort !== 'recent' && filters.sort in t.sorts)
    add('sort', `${t.sortLabel} : ${t.sorts[filters.sort as InboxSort]}`);
  if (filters.status && filters.status in t.statuses)
    add('status', `${t.statusLabel} : ${t.statuses[filters.status as TicketStatusName]}`);
  if (filters.assignee)
    add(
      'assignee',
      `${t.assigneeLabel} : ${filters.assignee === 'none' ? t.nobody : nameIn(options?.agents, filters.assignee)}`,
    );
  if (filters.field) add('field', fieldChip(filters.field, options, t));
  if (filters.tag) add('tag', `${t.tagLabel} : ${nameIn(options?.tags, filters.tag)}`);
  if (filters.organisation)
    add(
      'organisation',
      `${t.organisation} : ${nameIn(options?.organisations, filters.organisation)}`,
    );
  if (filters.from) add('from', `${t.fromLabel} ${shownDate(filters.from)}`);
  if (filters.to) add('to', `${t.toLabel} ${shownDate(filters.to)}`);
  return chips;
}
