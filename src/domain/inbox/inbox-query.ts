/**
 * Which tickets an inbox page may show (issue 6 §1): the visible mailboxes, the
 * folder, the filters, the order, and where the previous page ended (its
 * cursor). The page query (list-inbox.ts) and the search (inbox-search.ts)
 * build their conditions from here.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { MailboxScope } from '../../policies/mailbox-access.ts';
import { isUuid } from '../../shared/uuid.ts';
import type { Folder, InboxSort, TicketStatusName } from '../../shared/workspace-contracts.ts';

export type InboxFilters = {
  folder: Folder;
  mailboxes?: string[];
  statuses?: TicketStatusName[];
  assignee?: string;
  fields?: string[];
  tag?: string;
  organisation?: string;
  from?: string;
  to?: string;
  q?: string;
  sort: InboxSort;
  cursor?: string;
  limit: number;
};

export type Eb = ExpressionBuilder<DB, 'tickets'>;

// Values written into the page query's text rather than passed as parameters: the
// statuses of a folder, the visible mailboxes and the sizes of a page. With them
// known, the plan PostgreSQL makes once for a prepared page query (its generic
// plan) is the one it would make for these values, and it keeps it instead of
// planning each execution again (about 0.2 ms of a 1 ms page). Only the words
// searched, a ticket number and a cursor stay parameters. Each is a closed set
// (an enum of statuses, ids checked as UUIDs, integers): nothing typed by a
// user is written into SQL.
const status = (name: TicketStatusName) => sql.lit(name);
/** A count written into the query's text (a page size, a span of the list). */
export const count = (n: number) => {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a count: ${n}`);
  return sql.lit(n);
};
const mailboxLiteral = (id: string) => {
  if (!isUuid(id)) throw new AppError('invalid_input', 'Invalid request: mailbox');
  return sql.lit(id);
};

/** The visible mailboxes among those asked (none asked = all visible); null = nothing visible. */
export function mailboxCondition(
  eb: Eb,
  scope: MailboxScope,
  requested: string[] | undefined,
): Expression<SqlBool> | null {
  let ids: string[] | 'all';
  if (scope === 'all') ids = requested && requested.length > 0 ? requested : 'all';
  else
    ids =
      requested && requested.length > 0 ? requested.filter((id) => scope.includes(id)) : [...scope];
  if (ids === 'all') return eb.lit(true);
  if (ids.length === 0) return null;
  return eb('tickets.mailbox_id', 'in', ids.map(mailboxLiteral));
}

function folderCondition(eb: Eb, folder: Folder, userId: string): Expression<SqlBool> {
  switch (folder) {
    case 'unassigned':
      return eb.and([
        eb('tickets.status', '=', status('active')),
        eb('tickets.assignee_id', 'is', null),
      ]);
    case 'mine':
      return eb.and([
        eb('tickets.status', '=', status('active')),
        eb('tickets.assignee_id', '=', userId),
      ]);
    case 'assigned':
      return eb.and([
        eb('tickets.status', '=', status('active')),
        eb('tickets.assignee_id', 'is not', null),
      ]);
    case 'pending':
      return eb('tickets.status', '=', status('pending'));
    case 'closed':
      return eb('tickets.status', '=', status('closed'));
    case 'spam':
      return eb('tickets.status', '=', status('spam'));
    case 'all':
      return eb('tickets.status', '<>', status('spam'));
    case 'due_soon':
      return eb.and([
        eb('tickets.status', '=', status('active')),
        eb('tickets.due_at', '<', sql<Date>`now() + interval '1 hour'`),
      ]);
  }
}

/**
 * The tickets a search keeps: these ids, or `found`, the matches the page query
 * reads from the index itself (its `found` part, see list-inbox.ts).
 */
export type Matches = number[] | 'found';

function searchCondition(eb: Eb, matches: Matches): Expression<SqlBool> {
  if (matches === 'found') return sql<SqlBool>`tickets.id in (select found.id from found)`;
  return matches.length === 0
    ? eb.lit(false)
    : eb('tickets.id', '=', sql<number>`any(${matches}::bigint[])`);
}

/**
 * Where a page ends: the sort time of its last ticket, to the microsecond as
 * PostgreSQL keeps it (an ISO 8601 text in UTC), and its id.
 */
export type Cursor = { at: string; id: number };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

const cursorTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A cursor of `encodeCursor` (or of the earlier form, in milliseconds); else invalid_input. */
export function decodeCursor(text: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      cursorTime.test(at) &&
      !Number.isNaN(Date.parse(at)) &&
      Number.isSafeInteger(id)
    )
      return { at, id: id as number };
  } catch {
    // falls through to the error
  }
  throw new AppError('invalid_input', 'Invalid request: cursor: not a cursor of this list');
}

/** A sort time as a cursor holds it (see `Cursor`). */
export const cursorText = (column: Position['column'] | 'page.at') =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const parisStart = (day: string) =>
  sql<Date>`(${day}::date::timestamp at time zone 'Europe/Paris')`;

function filterConditions(
  eb: Eb,
  filters: InboxFilters,
  userId: string,
  matches: Matches | null,
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [
    eb('tickets.deleted_at', 'is', null),
    eb('tickets.merged_into_id', 'is', null),
  ];
  if (filters.statuses && filters.statuses.length > 0)
    out.push(eb('tickets.status', 'in', filters.statuses.map(status)));
  else out.push(folderCondition(eb, filters.folder, userId));
  if (filters.assignee === 'none') out.push(eb('tickets.assignee_id', 'is', null));
  else if (filters.assignee) out.push(eb('tickets.assignee_id', '=', filters.assignee));
  for (const pair of filters.fields ?? []) {
    const [fieldId = '', valueId = ''] = pair.split(':');
    const has = eb
      .selectFrom('ticket_field_values as tfv')
      .select('tfv.ticket_id')
      .whereRef('tfv.ticket_id', '=', 'tickets.id')
      .where('tfv.field_id', '=', fieldId);
    out.push(
      valueId === 'none'
        ? eb.not(eb.exists(has))
        : eb.exists(has.where('tfv.value_id', '=', valueId)),
    );
  }
  if (filters.tag)
    out.push(
      eb.exists(
        eb
          .selectFrom('ticket_tags as tt')
          .select('tt.ticket_id')
          .whereRef('tt.ticket_id', '=', 'tickets.id')
          .where('tt.tag_id', '=', filters.tag),
      ),
    );
  if (filters.organisation) out.push(eb('tickets.organisation_id', '=', filters.organisation));
  if (filters.from) out.push(eb('tickets.created_at', '>=', parisStart(filters.from)));
  if (filters.to)
    out.push(
      eb('tickets.created_at', '<', sql<Date>`${parisStart(filters.to)} + interval '1 day'`),
    );
  if (matches) out.push(searchCondition(eb, matches));
  return out;
}

/** The list's order: its sort time, and which way. */
export type Position = {
  column: 'tickets.created_at' | 'tickets.last_message_at' | 'tickets.due_sort';
  direction: 'asc' | 'desc';
};

/** The order of a list sorted by `sort`. */
export const positionOf = (sort: InboxSort): Position =>
  sort === 'due'
    ? { column: 'tickets.due_sort', direction: 'asc' }
    : {
        column: sort === 'created' ? 'tickets.created_at' : 'tickets.last_message_at',
        direction: sort === 'oldest' ? 'asc' : 'desc',
      };

/** What a page is read for: the caller, what it sees and asked, where the last page ended. */
export type PageContext = {
  user: { id: string };
  scope: MailboxScope;
  filters: InboxFilters;
  cursor: Cursor | null;
  position: Position;
};

/** The page's conditions: visible mailboxes, filters, the search's ticket ids, after the cursor. */
export function pageConditions(
  eb: Eb,
  context: PageContext & { matches: Matches | null },
): Expression<SqlBool> {
  const { filters, cursor, position } = context;
  const scoped = mailboxCondition(eb, context.scope, filters.mailboxes);
  if (!scoped) return eb.lit(false);
  const conditions = [scoped, ...filterConditions(eb, filters, context.user.id, context.matches)];
  if (cursor) {
    const at = sql<Date>`${cursor.at}::timestamptz`;
    const { column } = position;
    conditions.push(
      position.direction === 'desc'
        ? eb.or([
            eb(column, '<', at),
            eb.and([eb(column, '=', at), eb('tickets.id', '<', cursor.id)]),
          ])
        : eb.or([
            eb(column, '>', at),
            eb.and([eb(column, '=', at), eb('tickets.id', '>', cursor.id)]),
          ]),
    );
  }
  return eb.and(conditions);
}
