/**
 * The composer's text: the agent's signature under a reply, a saved reply's
 * variables filled from the ticket, where an inserted reply goes, and when the
 * agent counts as typing. Pure: no React, no DOM.
 */
/** The signature block a reply starts with: two blank lines, `-- `, the signature (none: empty). */
export const withSignature = (signature: string | null): string =>
  signature ? `\n\n-- \n${signature}` : '';

/** A reply counts as being typed once it holds more than the empty signature block. */
export function isTypingReply(mode: string, body: string, signature: string | null): boolean {
  return mode === 'reply' && body.trim() !== '' && body !== withSignature(signature);
}

/** The values of a saved reply's variables for this ticket and agent. */
export function replyVariables(
  view: {
    contact: { name: string | null } | null;
    ticket: { number: number; mailboxName: string };
  },
  agentName: string,
): Record<string, string> {
  const name = view.contact?.name ?? '';
  return {
    'contact.firstName': name.split(/\s+/)[0] ?? '',
    'contact.name': name,
    'ticket.number': String(view.ticket.number),
    'agent.name': agentName,
    'mailbox.name': view.ticket.mailboxName,
  };
}

/**
 * The body after inserting a saved reply's text (its variables filled) at the
 * top: what was there stays below, on a line of its own (the signature
 * already starts with one).
 */
export function insertSavedReply(current: string, text: string): string {
  return `${text}${current.startsWith('\n') ? current : `\n${current}`}`;
}

/** A call's length as the API takes it: minutes typed (maybe a decimal) to whole seconds. */
export const callSeconds = (minutes: number | string): number => Math.round(Number(minutes) * 60);
