/**
 * The ticket screen's keyboard (shortcuts.ts): r reply, n note, l call,
 * c close, a assign to me, f classify, j/k next/previous ticket, Esc back, m a macro.
 */
import { type RefObject, useEffect } from 'react';
import { navigate } from '../../router.ts';
import { focusFirstToClassify } from './classification-panel.tsx';
import type { ComposerHandle } from './composer.tsx';
import { isTyping, type TicketAction, ticketAction } from './shortcuts.ts';
import { lastListHref, neighbourTicket } from './ticket-order.ts';
import type { TicketChangeInput } from './use-ticket.ts';

export function useTicketKeys(props: {
  /** The open ticket's number (its address; j/k walk the last list by number). */
  ticketNumber: number;
  userId: string;
  composer: RefObject<ComposerHandle | null>;
  classification: RefObject<HTMLElement | null>;
  change: (input: TicketChangeInput) => void;
  /** Opens the macro picker (issue 19 §3). */
  openMacros: () => void;
}) {
  useEffect(() => {
    const go = (step: 1 | -1) => {
      const next = neighbourTicket(props.ticketNumber, step);
      if (next !== null) navigate(`/tickets/${next}`);
    };
    const run = (action: TicketAction) => {
      if (action === 'reply') props.composer.current?.open('reply');
      else if (action === 'note') props.composer.current?.open('note');
      else if (action === 'call') props.composer.current?.open('call');
      else if (action === 'close') props.change({ status: 'closed' });
      else if (action === 'assignToMe') props.change({ assigneeId: props.userId });
      else if (action === 'classify') focusFirstToClassify(props.classification.current);
      else if (action === 'next') go(1);
      else if (action === 'previous') go(-1);
      else if (action === 'macro') props.openMacros();
      else navigate(lastListHref());
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event)) return;
      const action = ticketAction(event.key);
      if (action === null) return;
      event.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
}
