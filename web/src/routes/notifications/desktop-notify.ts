/**
 * Which notifications to show on the desktop (issue 18 §4): the unread ones
 * that arrived since the bell first read the list in this page (never the
 * backlog of a fresh page), each once. Pure: the bell keeps `seen`.
 */
import type { NotificationDto } from '@shared/notification-contracts.ts';

export type DesktopState = { started: boolean; seen: Set<number> };

export const newDesktopState = (): DesktopState => ({ started: false, seen: new Set() });

/** The notifications to show now; marks every listed one as seen. */
export function toShow(state: DesktopState, items: readonly NotificationDto[]): NotificationDto[] {
  const fresh = state.started ? items.filter((n) => !n.read && !state.seen.has(n.id)) : [];
  for (const n of items) state.seen.add(n.id);
  state.started = true;
  return fresh;
}
