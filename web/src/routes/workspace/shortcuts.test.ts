import { describe, expect, it } from 'vitest';
import {
  boundKeys,
  inboxAction,
  isTyping,
  type KeyPress,
  movedCursor,
  type SequenceState,
  ticketAction,
  workspaceKey,
} from './shortcuts.ts';
import { workspaceMessages } from './workspace-i18n.ts';

const press = (key: string, target: unknown = null, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
});
const element = (tagName: string, attributes: Record<string, string> = {}, editable = false) => ({
  tagName,
  isContentEditable: editable,
  getAttribute: (name: string) => attributes[name] ?? null,
});

describe('typing or a shortcut', () => {
  it('lets the shortcuts run on the page itself', () => {
    expect(isTyping(press('j', element('BODY')))).toBe(false);
    expect(isTyping(press('j', element('A')))).toBe(false);
    expect(isTyping(press('j', null))).toBe(false);
  });

  it('leaves keys to fields, editable areas and comboboxes', () => {
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT'])
      expect(isTyping(press('j', element(tag)))).toBe(true);
    expect(isTyping(press('j', element('DIV', {}, true)))).toBe(true);
    expect(isTyping(press('j', element('DIV', { role: 'combobox' })))).toBe(true);
    expect(isTyping(press('j', element('DIV', { role: 'button' })))).toBe(false);
  });

  it('leaves the keys pressed in an open dialog to the dialog', () => {
    const inDialog = {
      ...element('BUTTON'),
      closest: (s: string) => (s === '[role="dialog"]' ? {} : null),
    };
    expect(isTyping(press('Escape', inDialog))).toBe(true);
    const outside = { ...element('BUTTON'), closest: () => null };
    expect(isTyping(press('Escape', outside))).toBe(false);
  });

  it('leaves modified keys to the browser', () => {
    expect(isTyping(press('r', element('BODY'), { ctrlKey: true }))).toBe(true);
    expect(isTyping(press('r', element('BODY'), { metaKey: true }))).toBe(true);
    expect(isTyping(press('r', element('BODY'), { altKey: true }))).toBe(true);
  });
});

describe('the inbox keys', () => {
  it('binds / j k x and nothing else', () => {
    expect(inboxAction('/')).toBe('search');
    expect(inboxAction('j')).toBe('next');
    expect(inboxAction('k')).toBe('previous');
    expect(inboxAction('x')).toBe('toggle');
    for (const key of ['J', 'r', 'Enter', 'toString', 'constructor'])
      expect(inboxAction(key)).toBeNull();
  });

  it('lands on the current row first, then moves one row within the list', () => {
    expect(movedCursor(3, 10, 'next', false)).toBe(3);
    expect(movedCursor(3, 10, 'previous', false)).toBe(3);
    expect(movedCursor(3, 10, 'next', true)).toBe(4);
    expect(movedCursor(3, 10, 'previous', true)).toBe(2);
    expect(movedCursor(9, 10, 'next', true)).toBe(9);
    expect(movedCursor(0, 10, 'previous', true)).toBe(0);
  });

  it('stays in a list that got shorter, and at 0 in an empty one', () => {
    expect(movedCursor(12, 5, 'next', false)).toBe(4);
    expect(movedCursor(0, 0, 'next', true)).toBe(0);
  });
});

describe('the ticket keys', () => {
  it('binds each documented key to its action', () => {
    expect(
      Object.fromEntries(
        ['r', 'n', 'l', 'c', 'a', 'f', 'j', 'k', 'Escape'].map((k) => [k, ticketAction(k)]),
      ),
    ).toEqual({
      r: 'reply',
      n: 'note',
      l: 'call',
      c: 'close',
      a: 'assignToMe',
      f: 'classify',
      j: 'next',
      k: 'previous',
      Escape: 'back',
    });
    for (const key of ['R', 'x', '/', 'Enter', 'hasOwnProperty'])
      expect(ticketAction(key)).toBeNull();
  });
});

describe('the workspace keys', () => {
  const run = (keys: string[]) => {
    let state: SequenceState = { pendingG: false };
    const actions: (string | null)[] = [];
    for (const key of keys) {
      const next = workspaceKey(state, key);
      state = next.state;
      actions.push(next.action);
    }
    return actions;
  };

  it('? opens the help', () => {
    expect(run(['?'])).toEqual(['help']);
  });

  it('g then i goes to the inbox, once', () => {
    expect(run(['g', 'i'])).toEqual([null, 'inbox']);
    expect(run(['g', 'i', 'i'])).toEqual([null, 'inbox', null]);
  });

  it('another key between g and i cancels it', () => {
    expect(run(['g', 'x', 'i'])).toEqual([null, null, null]);
    expect(run(['i'])).toEqual([null]);
    expect(run(['g', 'g', 'i'])).toEqual([null, null, 'inbox']);
  });
});

describe('the shortcuts help', () => {
  const helpKeys = (language: 'fr' | 'en') =>
    workspaceMessages[language].shortcuts.flatMap(([keys]) => keys.split(' / '));
  const shown: Record<string, Record<string, string>> = {
    fr: { Escape: 'Échap' },
    en: { Escape: 'Esc' },
  };

  it.each(['fr', 'en'] as const)('lists every bound key (%s)', (language) => {
    const listed = helpKeys(language);
    for (const key of [...boundKeys.inbox, ...boundKeys.ticket, ...boundKeys.workspace])
      expect(listed).toContain(shown[language]?.[key] ?? key);
  });
});
