/**
 * A ticket as the inbox lists it (`TicketSummaryDto`), and the inbox page that
 * holds them (`InboxPageDto`).
 *
 * The inbox's fast path (docs/adr/0009): PostgreSQL writes each summary as JSON
 * in the page query, so that the server never parses a page and writes it again
 * (about 0.3 ms of the server's main thread per page). What it writes is declared
 * here, once: each key of the contract and the SQL expression of its value,
 * over the columns of `guichet_inbox_rows` (migration 0016). The page query's
 * `json_build_object` is generated from this declaration when the server starts
 * (`ticketSummaryJson`), so changing the API's shape changes this file, never a
 * migration; the type below fails to compile until the declaration and the
 * contract have the same keys, and `ticket-summary.test.ts` holds one summary to
 * the contract's exact keys and values.
 *
 * The preview is the one value made by the server: the newest message's first
 * characters, whitespace folded, cut at 160 and with sensitive numbers masked.
 */
import { type RawBuilder, sql } from 'kysely';
import { maskSensitiveData } from '../domain/privacy/sensitive-data.ts';
import type { TicketSummaryDto } from '../shared/workspace-contracts.ts';

/** The columns of `guichet_inbox_rows` (migration 0016), one row per ticket of a page. */
export type InboxRowColumn =
  | 'id'
  | 'number'
  | 'mailbox_id'
  | 'subject'
  | 'status'
  | 'contact_id'
  | 'contact_name'
  | 'contact_email'
  | 'organisation_name'
  | 'assignee_id'
  | 'assignee_name'
  | 'tags'
  | 'created_at'
  | 'last_message_at'
  | 'due_at'
  | 'due_kind'
  | 'snoozed_until'
  | 'follow_up_at'
  | 'follow_up_action';

/** The alias of `guichet_inbox_rows` in the page query. */
export const inboxRowsAlias = 'r';

/** An SQL expression over the row's columns (never a value a user typed). */
type Expression = { sql: string };
/** An object of the summary, or null when `when` (SQL) does not hold. */
type Nested<T> = { when: string; fields: Declaration<T> };
/** Each key of `T` and how PostgreSQL writes its value. */
type Declaration<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends readonly unknown[] | string | number | boolean
    ? Expression
    : Nested<NonNullable<T[K]>>;
};

const column = (name: InboxRowColumn): Expression => ({ sql: `${inboxRowsAlias}.${name}` });
/** An ISO 8601 time in UTC to the millisecond, as JavaScript's `toISOString` writes it. */
const isoTime = (name: InboxRowColumn): Expression => ({
  sql: `to_char(${inboxRowsAlias}.${name} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
});
const isSet = (...names: InboxRowColumn[]) =>
  names.map((name) => `${inboxRowsAlias}.${name} is not null`).join(' and ');

/** The summary without its preview, key by key, in the order the API writes them. */
export const ticketSummaryDeclaration = {
  id: column('id'),
  number: column('number'),
  mailboxId: column('mailbox_id'),
  subject: column('subject'),
  status: column('status'),
  contact: {
    when: isSet('contact_id'),
    fields: { name: column('contact_name'), email: column('contact_email') },
  },
  organisationName: column('organisation_name'),
  assignee: {
    when: isSet('assignee_id', 'assignee_name'),
    fields: { id: column('assignee_id'), name: column('assignee_name') },
  },
  tags: column('tags'),
  createdAt: isoTime('created_at'),
  lastMessageAt: isoTime('last_message_at'),
  due: {
    when: isSet('due_at', 'due_kind'),
    fields: { at: isoTime('due_at'), kind: column('due_kind') },
  },
  snoozedUntil: isoTime('snoozed_until'),
  followUp: {
    when: isSet('follow_up_at', 'follow_up_action'),
    fields: { at: isoTime('follow_up_at'), action: column('follow_up_action') },
  },
} satisfies Declaration<Omit<TicketSummaryDto, 'preview'>>;

const keyPattern = /^[A-Za-z][A-Za-z0-9]*$/;

/** `json_build_object(…)` of a declaration (a key is checked before it is written as a literal). */
function jsonObjectSql(declaration: Record<string, Expression | Nested<unknown>>): string {
  const pairs = Object.entries(declaration).map(([key, value]) => {
    if (!keyPattern.test(key)) throw new Error(`not a key of the API: ${key}`);
    const expression =
      'sql' in value
        ? value.sql
        : `case when ${value.when} then ${jsonObjectSql(value.fields as Record<string, Expression | Nested<unknown>>)} end`;
    return `'${key}', ${expression}`;
  });
  return `json_build_object(${pairs.join(', ')})`;
}

/** The SQL text of a summary's JSON, generated once when this module loads. */
export const ticketSummaryJsonText = `${jsonObjectSql(ticketSummaryDeclaration)}::text`;

/**
 * The summary (without its preview) as the JSON text of one line, for the page
 * query: PostgreSQL writes a JSON object on one line (a line break in a value is
 * written \n), so a page's summaries travel as one text joined by line breaks.
 */
export const ticketSummaryJson: RawBuilder<string> = sql.raw(ticketSummaryJsonText);

/** A preview as the list shows it: whitespace folded, 160 characters, sensitive numbers masked. */
export const summaryPreview = (text: string | null): string =>
  maskSensitiveData((text ?? '').replace(/\s+/g, ' ').trim().slice(0, 160)).text;
