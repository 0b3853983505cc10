/**
 * What the ticket screen shows, computed from the ticket's data: the thread's
 * event texts, attachment sizes, call lengths, the tags field, who else is
 * here, the frame a message's HTML is shown in. Pure: no React, no DOM.
 */
import type { PresenceDto, ThreadItemDto, TicketSummaryDto } from '@shared/workspace-contracts.ts';

/** An event's data, statuses named in the page's language (`status_changed`'s from and to). */
export function eventData(
  item: Pick<ThreadItemDto, 'eventType' | 'eventData'>,
  statuses: Record<string, string>,
): Record<string, unknown> {
  const data = (item.eventData ?? {}) as Record<string, unknown>;
  if (item.eventType !== 'status_changed') return data;
  return {
    from: statuses[String(data.from)] ?? data.from,
    to: statuses[String(data.to)] ?? data.to,
  };
}

/** An attachment's size in whole kilobytes, rounded up (a 1-byte file is 1 Ko). */
export const sizeInKo = (bytes: number): number => Math.ceil(bytes / 1024);

/** A call's length in whole minutes, rounded (unknown: 0). */
export const callMinutes = (seconds: number | null): number => Math.round((seconds ?? 0) / 60);

/** The background of a thread item: notes yellow, replies blue, the customer's plain. */
export function threadBackground(kind: ThreadItemDto['kind']): string | undefined {
  if (kind === 'note') return 'var(--mantine-color-yellow-light)';
  if (kind === 'reply') return 'var(--mantine-color-blue-light)';
  return undefined;
}

/** A customer message may be split off only when the thread has more than one. */
export function canSplit(items: Pick<ThreadItemDto, 'kind'>[]): boolean {
  return items.filter((i) => i.kind === 'customer').length > 1;
}

/** The tags field's text: `facture, urgent`. */
export const tagsText = (tags: string[]): string => tags.join(', ');

/** The tags typed in the field: comma-separated, trimmed, empty ones dropped. */
export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** The other agents on the ticket: who is typing a reply, who only looks. */
export function presenceNames(others: PresenceDto['others']): {
  typers: string[];
  viewers: string[];
} {
  return {
    typers: others.filter((o) => o.typing).map((o) => o.name),
    viewers: others.filter((o) => !o.typing).map((o) => o.name),
  };
}

/** The browser tab's title on a ticket: `#42 Facture — Guichet`. */
export const ticketDocumentTitle = (ticket: Pick<TicketSummaryDto, 'number' | 'subject'>) =>
  `#${ticket.number} ${ticket.subject} — Guichet`;

/**
 * The document a message's sanitised HTML is shown in (a sandboxed frame):
 * links open in a new tab, quoted text greyed, images no wider than the frame.
 */
export function messageDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1a1b1e;word-wrap:break-word}.quoted{color:#555;border-left:2px solid #ccc;padding-left:8px}img{max-width:100%}</style></head><body>${html}</body></html>`;
}

/** The frame's height for its content's: a margin below, at most 2,000 pixels. */
export const frameHeight = (scrollHeight: number): number => Math.min(2000, scrollHeight + 16);

/** Who a ticket is from, as the inbox's row names them: the name, else the address. */
export const contactLabel = (contact: TicketSummaryDto['contact']): string =>
  contact?.name ?? contact?.email ?? '';

/** The ticket of that number among a search's results (the merge dialog asks for a number). */
export function ticketByNumber<T extends { number: number }>(
  tickets: T[],
  number: number,
): T | undefined {
  return tickets.find((x) => x.number === number);
}

/**
 * A list's date, short: the time for today, day and month for this year,
 * else the full date (`14:05`, `6 déc.`, `06/12/2025`), in `locale`.
 */
export function shortDate(iso: string, now = new Date(), locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  if (date.toDateString() === now.toDateString())
    return date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (date.getFullYear() === now.getFullYear())
    return date.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
  return date.toLocaleDateString(locale, { day: '2-digit', month: '2-digit', year: 'numeric' });
}
