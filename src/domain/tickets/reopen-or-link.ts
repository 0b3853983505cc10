/**
 * What a customer's message does to the ticket it threads into (issue 5 §2),
 * whatever the channel found that ticket by:
 *
 * - an open or pending ticket takes the message;
 * - a closed ticket takes it and reopens when it closed less than `reopenDays`
 *   ago and the message is about the same thing (`related`);
 * - a stranger's message (a sender who takes no part in the ticket) is kept on
 *   the ticket but never reopens it;
 * - otherwise the message opens a new ticket linked to the closed one.
 */
import type { TicketStatus } from '../../db/schema.ts';

export type FollowUp = { kind: 'append'; reopen: boolean } | { kind: 'link' };

/** Decides between appending (and reopening) and a new linked ticket. */
export function reopenOrLink(
  ticket: { status: TicketStatus; closedAt: Date | null },
  message: { at: Date; related: boolean; stranger: boolean },
  reopenDays: number,
): FollowUp {
  if (ticket.status !== 'closed') return { kind: 'append', reopen: false };
  const closedAt = ticket.closedAt?.getTime() ?? 0;
  const recent = message.at.getTime() - closedAt <= reopenDays * 86_400_000;
  if (recent && message.related) return { kind: 'append', reopen: !message.stranger };
  if (message.stranger) return { kind: 'append', reopen: false };
  return { kind: 'link' };
}
