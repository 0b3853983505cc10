/**
 * The inbox's state in the URL (`/inbox?folder=mine&q=…&status=pending`):
 * which keys it keeps, how a query string reads as filters and how filters
 * write back. Pure: no React, no DOM.
 */
import type { Folder } from '@shared/workspace-contracts.ts';

export const filterKeys = [
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

export type FilterKey = (typeof filterKeys)[number];
/** The inbox's filters: a key absent or empty means "not filtered". */
export type InboxFilters = Partial<Record<FilterKey, string>>;

/** The folder shown when the URL names none. */
export const defaultFolder: Folder = 'unassigned';

/** The known, non-empty filters of a query string (`?folder=mine&x=1` → `{ folder: 'mine' }`). */
export function parseInboxFilters(search: string): InboxFilters {
  const url = new URLSearchParams(search);
  const out: InboxFilters = {};
  for (const key of filterKeys) {
    const value = url.get(key);
    if (value) out[key] = value;
  }
  return out;
}

/**
 * The inbox's address after `next` is laid over `current`: a key set to
 * undefined or '' is dropped; the others keep their order of first appearance.
 */
export function inboxHref(current: InboxFilters, next: InboxFilters): string {
  const url = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...next }))
    if (value) url.set(key, value);
  return `/inbox?${url.toString()}`;
}

/** The folder the page names (its title, the highlighted link). */
export function shownFolder(filters: InboxFilters): Folder {
  return (filters.folder as Folder | undefined) ?? defaultFolder;
}

/** The folder the list is read from: a search without a chosen folder looks in every folder. */
export function listedFolder(filters: InboxFilters): Folder {
  return filters.q && !filters.folder ? 'all' : shownFolder(filters);
}

/** The filters a submitted search sets: a non-empty search looks in every folder. */
export function searchFilters(q: unknown, filters: InboxFilters): InboxFilters {
  return {
    q: typeof q === 'string' ? q.trim() : undefined,
    folder: typeof q === 'string' && q.trim() ? 'all' : filters.folder,
  };
}

/**
 * The `field` filter `fieldId:valueId` as its two halves; the value `none`
 * (also when it is missing) means "not filled".
 */
export function splitFieldFilter(field: string | undefined): [string, string] {
  const [fieldId = '', valueId = 'none'] = (field ?? ':').split(':');
  return [fieldId, valueId];
}

/** A folder link in the side navigation, keeping the chosen mailbox. */
export function folderHref(folder: Folder, mailbox: string | undefined): string {
  const sort = folder === 'due_soon' ? '&sort=due' : '';
  return `/inbox?folder=${folder}${sort}${mailbox ? `&mailbox=${mailbox}` : ''}`;
}

/** Whether a folder link is the current page (a search is no folder's page). */
export function isCurrentFolder(folder: Folder, filters: InboxFilters): boolean {
  return shownFolder(filters) === folder && !filters.q;
}
