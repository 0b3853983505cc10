/**
 * The inbox (issue 6 §1): one folder of the visible mailboxes, filtered,
 * searched and sorted, one keyset page at a time. Search matches subjects,
 * bodies (French stemming, accents ignored), contact names and addresses (the
 * tickets' search documents of migration 0012), ticket numbers and numéros
 * uniques (they are words of the bodies).
 */
import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type QueryCreator,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { executePrepared } from '../../db/prepared.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { MailboxScope } from '../../policies/mailbox-access.ts';
import { isUuid } from '../../shared/uuid.ts';
import type {
  Folder,
  FolderCountsDto,
  InboxPageDto,
  InboxSort,
  TicketStatusName,
} from '../../shared/workspace-contracts.ts';
import { maskSensitiveData } from '../privacy/sensitive-data.ts';

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

type Eb = ExpressionBuilder<DB, 'tickets'>;

// Values written into the page query's text rather than passed as parameters: the
// statuses of a folder, the visible mailboxes and the sizes of a page. With them
// known, the plan PostgreSQL makes once for a prepared page query (its generic
// plan) is the one it would make for these values, and it keeps it instead of
// planning each execution again (about 0.2 ms of a 1 ms page). Only the words
// searched, a ticket number and a cursor stay parameters. Each is a closed set
// (an enum of statuses, ids checked as UUIDs, integers): nothing typed by a
// user is written into SQL.
const status = (name: TicketStatusName) => sql.lit(name);
const count = (n: number) => {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a count: ${n}`);
  return sql.lit(n);
};
const mailboxLiteral = (id: string) => {
  if (!isUuid(id)) throw new AppError('invalid_input', 'Invalid request: mailbox');
  return sql.lit(id);
};

/** The visible mailboxes among those asked (none asked = all visible); null = nothing visible. */
function mailboxCondition(
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
  }
}

/**
 * Tickets matching `q`: the words of their search document (subject, messages and
 * contact, migration 0012), French-stemmed or as typed (names, addresses), or
 * their number.
 */
function matchCondition(q: string): RawBuilder<SqlBool> {
  const words = q.replace(/^#/, '');
  const number = /^\d{1,15}$/.test(words) ? Number(words) : -1;
  // One query of both forms (OR of tsqueries): one index scan, one test per ticket.
  // It is a subquery, so a generic plan computes it once per execution too (a
  // function call over a parameter would be evaluated for every ticket).
  return sql<SqlBool>`(tickets.search_document @@
      (select websearch_to_tsquery('french'::regconfig, guichet_unaccent(${q}))
        || websearch_to_tsquery('simple'::regconfig, guichet_unaccent(${q})))
    or tickets.number = ${number})`;
}

/**
 * The tickets a search keeps: these ids, or `found`, the matches the page query
 * reads from the index itself (its `found` part, see `listInbox`).
 */
type Matches = number[] | 'found';

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
type Cursor = { at: string; id: number };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

const cursorTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function decodeCursor(text: string): Cursor {
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
const cursorText = (column: Position['column'] | 'page.at') =>
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
type Position = {
  column: 'tickets.created_at' | 'tickets.last_message_at';
  direction: 'asc' | 'desc';
};

/** The page's conditions: visible mailboxes, filters, the search's ticket ids, after `cursor`. */
function pageConditions(
  eb: Eb,
  context: {
    user: { id: string };
    scope: MailboxScope;
    filters: InboxFilters;
    matches: Matches | null;
    cursor: Cursor | null;
    position: Position;
  },
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

/**
 * How a search goes (tests shrink it): the first `walkFirst` tickets of the list
 * are read in order, keeping the matching ones; short of a page, the matching
 * tickets are read from the index, by id, when there are at most `searchCap`;
 * beyond, the list is walked up to `walkMax` tickets for one page.
 */
export type SearchTuning = { walkFirst: number; searchCap: number; walkMax: number };
const defaultTuning: SearchTuning = { walkFirst: 1000, searchCap: 5000, walkMax: 20_000 };

type PageContext = Omit<Parameters<typeof pageConditions>[1], 'matches'>;

/**
 * The matching tickets among the next `span` tickets of the list (after the
 * context's cursor), in list order, at most a page and one.
 */
function walkedMatches(q: string, context: PageContext, span: number) {
  const { column, direction } = context.position;
  return (db: QueryCreator<DB>) => {
    const stretch = db
      .selectFrom('tickets')
      .select(['tickets.id', 'tickets.search_document', 'tickets.number', `${column} as at`])
      .where((eb) => pageConditions(eb, { ...context, matches: null }))
      .orderBy(column, direction)
      .orderBy('tickets.id', direction)
      .limit(count(span));
    return db
      .selectFrom(stretch.as('tickets'))
      .select(['tickets.id', 'tickets.at'])
      .where(matchCondition(q))
      .orderBy('tickets.at', direction)
      .orderBy('tickets.id', direction)
      .limit(count(context.filters.limit + 1));
  };
}

/**
 * `walkedMatches` read on their own, with where the walk resumes when fewer than
 * a page and one were found and the list goes on past the span.
 */
async function walkList(
  db: Kysely<DB>,
  q: string,
  context: PageContext,
  span: number,
): Promise<{ ids: number[]; resume: Cursor | null }> {
  const { column, direction } = context.position;
  const found = await walkedMatches(q, context, span)(db).execute();
  const ids = found.map((row) => Number(row.id));
  if (ids.length > context.filters.limit) return { ids, resume: null };
  const last = await db
    .selectFrom('tickets')
    .select(['tickets.id', cursorText(column).as('at')])
    .where((eb) => pageConditions(eb, { ...context, matches: null }))
    .orderBy(column, direction)
    .orderBy('tickets.id', direction)
    .offset(span - 1)
    .limit(1)
    .executeTakeFirst();
  return { ids, resume: last ? { at: last.at, id: Number(last.id) } : null };
}

/** The index's matches of `q` (null: none), at most `searchCap` and one, in no order. */
function indexMatches(q: string | null, searchCap: number, column: Position['column']) {
  return (db: QueryCreator<DB>) =>
    db
      .selectFrom('tickets')
      .select(['tickets.id', `${column} as at`])
      .where((eb) =>
        q === null
          ? eb.lit(false)
          : eb.and([
              matchCondition(q),
              eb('tickets.deleted_at', 'is', null),
              eb('tickets.merged_into_id', 'is', null),
            ]),
      )
      .limit(count(searchCap + 1));
}

/** One page of the inbox, parsed (`listInboxJson` gives the text the API sends). */
export async function listInbox(...args: Parameters<typeof listInboxJson>): Promise<InboxPageDto> {
  return JSON.parse(await listInboxJson(...args)) as InboxPageDto;
}

/**
 * One page of the inbox, tickets of mailboxes outside `scope` never shown, as the
 * JSON text of an `InboxPageDto`: the tickets'
 * summaries come written by PostgreSQL (`guichet_inbox_rows`, migration 0013),
 * so a page is never parsed and written again on its way to the browser.
 */
export async function listInboxJson(
  db: Kysely<DB>,
  user: { id: string },
  scope: MailboxScope,
  filters: InboxFilters,
  tuning: SearchTuning = defaultTuning,
): Promise<string> {
  const position: Position = {
    column: filters.sort === 'created' ? 'tickets.created_at' : 'tickets.last_message_at',
    direction: filters.sort === 'oldest' ? 'asc' : 'desc',
  };
  const { column, direction } = position;
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
  const context = { user, scope, filters, cursor, position };
  const { q } = filters;
  // How a search goes: `found` holds the tickets the page shows.
  // - A common word matches most tickets: reading the first tickets of the list in
  //   order finds a page at once, where reading its matches from the index would read
  //   hundreds of thousands. A search with a digit in it (a number, a numéro unique,
  //   an address) is rare and skips this.
  // - Else, the index's matches, when they are at most `searchCap`: a rare word, a
  //   name, a numéro unique cost a handful of rows.
  // - Else, the list is walked up to `walkMax` tickets for one page.
  type Found = 'walk' | 'index' | number[] | null;
  // Prepared by name on the PostgreSQL server (src/db/prepared.ts): its text
  // depends on which filters are used and on the few values written into it
  // (`status`, `count`, `mailboxLiteral` above); the words and the other values
  // are parameters. It chooses the page's tickets; their rows come from
  // `guichet_inbox_rows` (migration 0013), whose lookups are planned once per
  // connection (docs/adr/0009).
  const order = sql.raw(direction);
  const readPage = (found: Found) =>
    executePrepared(
      db,
      db
        .with('found', (qc) =>
          found === 'walk' && q
            ? walkedMatches(q, context, tuning.walkFirst)(qc)
            : indexMatches(found === 'index' && q ? q : null, tuning.searchCap, column)(qc),
        )
        .with('page', (qc) =>
          found === 'walk'
            ? // the walk's matches are this page already
              qc.selectFrom('found').select(['found.id', 'found.at'])
            : qc
                .selectFrom('tickets')
                .select(['tickets.id', `${column} as at`])
                .where((eb) =>
                  pageConditions(eb, {
                    ...context,
                    matches: found === null ? null : Array.isArray(found) ? found : 'found',
                  }),
                )
                .orderBy(column, direction)
                .orderBy('tickets.id', direction)
                .limit(count(filters.limit + 1)),
        )
        .with('rows', (qc) =>
          qc
            .selectFrom(
              sql<{ ord: number; item: string; preview: string | null }>`public.guichet_inbox_rows(
                (select array_agg(page.id order by page.at ${order}, page.id ${order}) from page))`.as(
                'r',
              ),
            )
            .selectAll('r'),
        )
        .selectNoFrom((eb) => [
          // the tickets as the API gives them, one per line, and their previews: two
          // values to read for the whole page instead of one per column and row
          sql<string | null>`(select string_agg(rows.item, E'\n' order by rows.ord) from rows)`.as(
            'items',
          ),
          sql<string | null>`(select json_agg(rows.preview order by rows.ord)::text from rows)`.as(
            'previews',
          ),
          eb
            .selectFrom('found')
            .select((e) => e.fn.countAll<string>().as('n'))
            .as('found_count'),
          // where the next page starts: the last row shown, [time to the microsecond, id]
          eb
            .selectFrom('page')
            .select(sql<string>`json_build_array(${cursorText('page.at')}, page.id)::text`.as('a'))
            .orderBy('page.at', direction)
            .orderBy('page.id', direction)
            .offset(count(filters.limit - 1))
            .limit(count(1))
            .as('page_end'),
        ])
        .compile(),
      { varies: true },
    ).then(([head]) => ({
      items: head?.items ? head.items.split('\n') : [],
      previews: head?.previews ? (JSON.parse(head.previews) as (string | null)[]) : [],
      foundCount: Number(head?.found_count ?? 0),
      pageEnd: head?.page_end ? (JSON.parse(head.page_end) as [string, number]) : null,
    }));
  const rare = q !== undefined && /\d/.test(q);
  let read = await readPage(q ? (rare ? 'index' : 'walk') : null);
  let resume: Cursor | null = null;
  if (q && (rare || read.items.length <= filters.limit)) {
    if (!rare) read = await readPage('index');
    const found = read.foundCount;
    if (found > tuning.searchCap) {
      const walk = await walkList(db, q, context, tuning.walkMax);
      resume = walk.resume;
      read = await readPage(walk.ids);
    }
  }
  const { items, previews, pageEnd } = read;
  const nextCursor =
    items.length > filters.limit && pageEnd
      ? encodeCursor({ at: pageEnd[0], id: pageEnd[1] })
      : resume
        ? encodeCursor(resume)
        : null;
  // Each item is a JSON object written by PostgreSQL; its preview is added here,
  // whitespace folded, cut and with sensitive numbers masked.
  const tickets = items.slice(0, filters.limit).map((item, i) => {
    const preview = maskSensitiveData(
      (previews[i] ?? '').replace(/\s+/g, ' ').trim().slice(0, 160),
    ).text;
    return `${item.slice(0, -1)},"preview":${JSON.stringify(preview)}}`;
  });
  return `{"tickets":[${tickets.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
}

/** Live counts of the open folders, in the visible (or asked) mailboxes. */
export async function folderCounts(
  db: Kysely<DB>,
  user: { id: string },
  scope: MailboxScope,
  mailboxes: string[] | undefined,
): Promise<FolderCountsDto> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => [
      eb.fn
        .countAll<number>()
        .filterWhere('assignee_id', 'is', null)
        .filterWhere('status', '=', 'active')
        .as('unassigned'),
      eb.fn
        .countAll<number>()
        .filterWhere('assignee_id', '=', user.id)
        .filterWhere('status', '=', 'active')
        .as('mine'),
      eb.fn
        .countAll<number>()
        .filterWhere('assignee_id', 'is not', null)
        .filterWhere('status', '=', 'active')
        .as('assigned'),
      eb.fn.countAll<number>().filterWhere('status', '=', 'pending').as('pending'),
    ])
    .where((eb) => {
      const scoped = mailboxCondition(eb, scope, mailboxes);
      if (!scoped) return eb.lit(false);
      return eb.and([
        scoped,
        eb('deleted_at', 'is', null),
        eb('merged_into_id', 'is', null),
        eb('status', 'in', ['active', 'pending']),
      ]);
    })
    .executeTakeFirstOrThrow();
  return {
    unassigned: Number(row.unassigned),
    mine: Number(row.mine),
    assigned: Number(row.assigned),
    pending: Number(row.pending),
  };
}
