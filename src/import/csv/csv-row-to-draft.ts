/**
 * One CSV row (one ticket of another tool) → ticket draft, following the
 * `csv` section of the mapping file. What a row can say, and what becomes of it:
 *
 * - `date` (required): the ticket's creation, and its first customer message;
 * - `firstResponseAt`: a reply at that date (the ticket's first response);
 * - `replies` (a count): that many replies, all at the first-response date (the
 *   export has no other reply dates); without a first-response date the count is
 *   kept in `import_records.extra` only, because a reply needs a date;
 * - `rating`: the rating of the first reply;
 * - `fields`: each Guichet field's column, its text mapped like Help Scout options.
 * The row's `id` column is the idempotency key; without one, a hash of the row.
 */
import { createHash } from 'node:crypto';
import type { RatingLevel, TicketStatus } from '../../db/schema.ts';
import type { MessageDraft } from '../shared/import-model.ts';
import type { CsvMapping } from '../shared/mapping-file.ts';
import type { DraftResult } from '../shared/run-import.ts';
import { cleanEmail, normaliseName, parseImportDate } from '../shared/text.ts';

const defaultRatings: Record<string, RatingLevel> = {
  great: 'great',
  okay: 'okay',
  not_good: 'not_good',
  'not good': 'not_good',
  'tres bien': 'great',
  correct: 'okay',
  'pas satisfait': 'not_good',
};

const statuses: Record<string, TicketStatus> = {
  active: 'active',
  open: 'active',
  ouvert: 'active',
  pending: 'pending',
  'en attente': 'pending',
  closed: 'closed',
  ferme: 'closed',
  resolu: 'closed',
  spam: 'spam',
};

/** Builds the row → draft function of a CSV mapping. */
export function csvRowToDraft(mapping: CsvMapping): (row: Record<string, unknown>) => DraftResult {
  const ratings = new Map<string, RatingLevel>(Object.entries(defaultRatings));
  for (const [text, level] of Object.entries(mapping.ratings))
    ratings.set(normaliseName(text), level);
  const { columns } = mapping;
  return (row) => {
    const cell = (column: string | undefined): string =>
      column === undefined ? '' : String(row[column] ?? '').trim();
    const warnings: string[] = [];
    const created = parseImportDate(cell(columns.date));
    if (!created)
      return { error: `unreadable date "${cell(columns.date)}" in column "${columns.date}"` };
    if (created.warning) warnings.push(created.warning);
    const sourceId =
      cell(columns.id) ||
      `row:${createHash('sha256').update(JSON.stringify(row)).digest('hex').slice(0, 32)}`;
    const mailboxName = cell(columns.mailbox) || mapping.mailbox || null;
    const email = cleanEmail(cell(columns.email));
    if (cell(columns.email) && !email)
      warnings.push(`"${cell(columns.email)}" is not an e-mail address: no contact`);
    const statusText = normaliseName(cell(columns.status));
    const status = statusText ? statuses[statusText] : 'closed';
    if (!status) return { error: `unknown status "${cell(columns.status)}"` };
    const base = {
      eventType: null,
      eventData: null,
      fromAddress: null,
      toAddresses: [],
      ccAddresses: [],
      bodyHtml: null,
      bodyText: null,
      rating: null,
    };
    const messages: MessageDraft[] = [
      {
        ...base,
        sourceId: 'customer',
        kind: 'customer',
        authorUserEmail: null,
        byCustomer: true,
        fromAddress: email,
        createdAt: created.date,
        flags: { csv: 'creation' },
      },
    ];
    const extra: Record<string, unknown> = {};
    const repliesText = cell(columns.replies);
    const replies = repliesText === '' ? 1 : Number(repliesText);
    if (!Number.isInteger(replies) || replies < 0 || replies > 10_000)
      return { error: `replies "${repliesText}" is not a count` };
    const firstText = cell(columns.firstResponseAt);
    const first = firstText ? parseImportDate(firstText) : null;
    if (firstText && !first) return { error: `unreadable first-response date "${firstText}"` };
    if (first?.warning) warnings.push(first.warning);
    if (first && first.date < created.date)
      return { error: 'first response before the ticket was created' };
    if (first) {
      for (let n = 1; n <= Math.max(1, replies); n++) {
        messages.push({
          ...base,
          sourceId: `reply-${n}`,
          kind: 'reply',
          authorUserEmail: null,
          byCustomer: false,
          createdAt: first.date,
          flags: { csv: n === 1 ? 'first response' : 'replies count' },
        });
      }
    } else if (repliesText) {
      extra.replies = replies;
    }
    const ratingText = cell(columns.rating);
    if (ratingText) {
      const level = ratings.get(normaliseName(ratingText));
      const reply = messages[1];
      if (!level) warnings.push(`unknown rating "${ratingText}": not imported`);
      else if (!reply) warnings.push('a rating without a first-response date: not imported');
      else
        reply.rating = {
          level,
          comment: cell(columns.ratingComment) || null,
          ratedAt: reply.createdAt,
        };
    }
    const fields = Object.entries(mapping.fields)
      .map(([name, column]) => ({ name, text: cell(column) }))
      .filter((field) => field.text.length > 0);
    const last = messages[messages.length - 1];
    return {
      draft: {
        source: mapping.source,
        sourceId: sourceId.slice(0, 200),
        number: null,
        mailbox: { id: null, name: mailboxName },
        subject: cell(columns.subject),
        status,
        deletedAt: null,
        createdAt: created.date,
        closedAt: status === 'closed' ? (last?.createdAt ?? created.date) : null,
        lastMessageAt: last?.createdAt ?? created.date,
        customer: email || cell(columns.name) ? { email, name: cell(columns.name) || null } : null,
        assigneeEmail: null,
        tags: [],
        fields,
        messages,
        extra,
      },
      warnings,
    };
  };
}
