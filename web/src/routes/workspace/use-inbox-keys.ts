/**
 * The inbox's keyboard (shortcuts.ts): `/` focuses the search, j/k move the
 * focus along the rows, `x` selects the current row. Beside an open ticket
 * (`rowKeys` false) only `/` is the list's: j/k walk the tickets themselves.
 */
import { useEffect, useRef, useState } from 'react';
import { inboxAction, isTyping, movedCursor } from './shortcuts.ts';

export function useInboxKeys(
  tickets: { id: number }[],
  toggle: (id: number) => void,
  rowKeys = true,
) {
  const [cursor, setCursor] = useState(0);
  const cursorRef = useRef(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event)) return;
      const action = inboxAction(event.key);
      if (action !== 'search' && !rowKeys) return;
      if (action === 'search') {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (action === 'next' || action === 'previous') {
        event.preventDefault();
        const links = listRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-ticket]') ?? [];
        const onRow = Array.prototype.indexOf.call(links, document.activeElement) !== -1;
        // Focus moves now, not in a state updater: React may run that only at its next
        // render, after a quick Enter has already opened the previously focused ticket.
        const next = movedCursor(cursorRef.current, links.length, action, onRow);
        cursorRef.current = next;
        links[next]?.focus();
        setCursor(next);
      } else if (action === 'toggle') {
        const ticket = tickets[cursor];
        if (ticket) toggle(ticket.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  /** A row got the focus (click, tab): it becomes the current row. */
  const focusRow = (index: number) => {
    cursorRef.current = index;
    setCursor(index);
  };
  return { cursor, focusRow, searchRef, listRef };
}
