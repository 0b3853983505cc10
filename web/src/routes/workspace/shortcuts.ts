/**
 * The workspace's keyboard shortcuts as tables: which key does what on the
 * inbox, on a ticket and anywhere in the workspace (the help dialog lists
 * them, workspace-i18n.ts `shortcuts`). Pure: the pages' hooks listen to the
 * keys and run the actions.
 */

/** What a shortcut handler needs of a KeyboardEvent. */
export type KeyPress = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: unknown;
};

/** What of the event's target tells that the agent is typing (an HTMLElement has all three). */
type KeyTarget = {
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
  tagName?: string;
  getAttribute?: (name: string) => string | null;
};

const textTags = ['INPUT', 'TEXTAREA', 'SELECT'];

/**
 * Whether a key belongs to what the agent types (a field, an editable area, a
 * combobox), to an open dialog (its Escape closes it, nothing else) or to a
 * browser shortcut (Ctrl, Cmd, Alt): then no shortcut runs.
 */
export function isTyping(event: KeyPress): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target as KeyTarget | null;
  return (
    !!target &&
    (target.isContentEditable === true ||
      textTags.includes(target.tagName ?? '') ||
      target.getAttribute?.('role') === 'combobox' ||
      Boolean(target.closest?.('[role="dialog"]')))
  );
}

export type InboxAction = 'search' | 'next' | 'previous' | 'toggle';

const inboxKeys: Record<string, InboxAction> = {
  '/': 'search',
  j: 'next',
  k: 'previous',
  x: 'toggle',
};

/** The inbox's action for a key: `/` search, `j`/`k` move, `x` select. */
export function inboxAction(key: string): InboxAction | null {
  return Object.hasOwn(inboxKeys, key) ? (inboxKeys[key] ?? null) : null;
}

/**
 * The row j or k lands on, among `count` rows. The first press (focus not on a
 * row yet) lands on the current row; later ones move one row, never past the ends.
 */
export function movedCursor(
  current: number,
  count: number,
  action: 'next' | 'previous',
  onRow: boolean,
): number {
  const step = onRow ? (action === 'next' ? 1 : -1) : 0;
  return Math.max(0, Math.min(count - 1, current + step));
}

export type TicketAction =
  | 'reply'
  | 'note'
  | 'call'
  | 'close'
  | 'assignToMe'
  | 'classify'
  | 'next'
  | 'previous'
  | 'back'
  | 'macro';

const ticketKeys: Record<string, TicketAction> = {
  r: 'reply',
  n: 'note',
  l: 'call',
  c: 'close',
  a: 'assignToMe',
  f: 'classify',
  j: 'next',
  k: 'previous',
  Escape: 'back',
  m: 'macro',
};

/** The ticket screen's action for a key (r, n, l, c, a, f, j, k, Esc, m a macro). */
export function ticketAction(key: string): TicketAction | null {
  return Object.hasOwn(ticketKeys, key) ? (ticketKeys[key] ?? null) : null;
}

/** The keys bound on the inbox and on a ticket (for the help's completeness). */
export const boundKeys = {
  inbox: Object.keys(inboxKeys),
  ticket: Object.keys(ticketKeys),
  workspace: ['?', 'g i'],
} as const;

/** Between two keys of the workspace: whether the last one was `g` (of `g i`). */
export type SequenceState = { pendingG: boolean };

/**
 * The workspace-wide keys: `?` opens the help, `g` then `i` goes to the inbox;
 * any other key ends a started `g …`.
 */
export function workspaceKey(
  state: SequenceState,
  key: string,
): { state: SequenceState; action: 'help' | 'inbox' | null } {
  if (key === '?') return { state, action: 'help' };
  if (key === 'g') return { state: { pendingG: true }, action: null };
  if (state.pendingG && key === 'i') return { state: { pendingG: false }, action: 'inbox' };
  return { state: { pendingG: false }, action: null };
}
