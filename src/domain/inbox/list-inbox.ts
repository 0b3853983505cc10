/**
 * The inbox (issue 6 §1): one folder of the visible mailboxes, filtered,
 * searched and sorted, one keyset page at a time, as one prepared page query.
 * Which tickets a page may show is inbox-query.ts; how a search finds them,
 * inbox-search.ts; how a page leaves the server, src/presenters/ticket-summary.ts.
 */
import { type Kysely, sql } from 'kysely';
import { executePrepared } from '../../db/prepared.ts';
import type { DB } from '../../db/schema.ts';
import type { MailboxScope } from '../../policies/mailbox-access.ts';
import { type InboxPageRows, presentInboxPage } from '../../presenters/inbox.ts';
import { inboxRowsAlias, ticketSummaryJson } from '../../presenters/ticket-summary.ts';
import type { InboxPageDto } from '../../shared/workspace-contracts.ts';
import {
  count,
  cursorText,
  decodeCursor,
  encodeCursor,
  type InboxFilters,
  type PageContext,
  pageConditions,
  positionOf,
} from './inbox-query.ts';
import {
  defaultTuning,
  type Found,
  indexMatches,
  type SearchTuning,
  searchPage,
  walkedMatches,
} from './inbox-search.ts';

export type { InboxFilters } from './inbox-query.ts';
export type { SearchTuning } from './inbox-search.ts';

/** What one execution of the page query reads. */
type PageRead = {
  summaries: string[];
  previews: (string | null)[];
  /** How many tickets its `found` part held (the index's matches: at most `searchCap` and one). */
  foundCount: number;
  /** The last ticket of a full page: [sort time to the microsecond, id]. */
  pageEnd: [string, number] | null;
};

/**
 * The page query: `found` (the search's tickets, inbox-search.ts), `page` (the
 * page's ticket ids in order, a page and one), `rows` (their rows from
 * `guichet_inbox_rows`, migration 0016, whose lookups are planned once per
 * connection: docs/adr/0009), and as the answer the summaries written by
 * PostgreSQL as the presenter declares them, one per line, their previews and
 * the next page's cursor: four values to read for a whole page instead of one
 * per column and row.
 *
 * Prepared by name on the PostgreSQL server (src/db/prepared.ts): its text
 * depends on which filters are used and on the few values written into it
 * (`count`, the statuses and mailboxes of inbox-query.ts); the words and the
 * other values are parameters.
 */
function readPage(
  db: Kysely<DB>,
  context: PageContext,
  tuning: SearchTuning,
  found: Found,
): Promise<PageRead> {
  const { filters } = context;
  const { q, limit } = filters;
  const { column, direction } = context.position;
  const order = sql.raw(direction);
  const r = sql.raw(inboxRowsAlias);
  const query = db
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
            .limit(count(limit + 1)),
    )
    .with('rows', (qc) =>
      qc
        .selectFrom(
          sql`public.guichet_inbox_rows(
            (select array_agg(page.id order by page.at ${order}, page.id ${order}) from page))`.as(
            inboxRowsAlias,
          ),
        )
        .select([
          sql<number>`${r}.ord`.as('ord'),
          ticketSummaryJson.as('item'),
          sql<string | null>`${r}.preview`.as('preview'),
        ]),
    )
    .selectNoFrom((eb) => [
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
        .offset(count(limit - 1))
        .limit(count(1))
        .as('page_end'),
    ]);
  return executePrepared(db, query.compile(), { varies: true }).then(([head]) => ({
    summaries: head?.items ? head.items.split('\n') : [],
    previews: head?.previews ? (JSON.parse(head.previews) as (string | null)[]) : [],
    foundCount: Number(head?.found_count ?? 0),
    pageEnd: head?.page_end ? (JSON.parse(head.page_end) as [string, number]) : null,
  }));
}

/**
 * One page of the inbox, tickets of mailboxes outside `scope` never shown: the
 * summaries as PostgreSQL wrote them (see `presentInboxPage`, which makes the
 * text the API sends), their previews and the next page's cursor.
 */
export async function listInboxPage(
  db: Kysely<DB>,
  user: { id: string },
  scope: MailboxScope,
  filters: InboxFilters,
  tuning: SearchTuning = defaultTuning,
): Promise<InboxPageRows> {
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
  const context: PageContext = { user, scope, filters, cursor, position: positionOf(filters.sort) };
  const { page, resume } = await searchPage(db, context, tuning, (found) =>
    readPage(db, context, tuning, found),
  );
  const full = page.summaries.length > filters.limit;
  const nextCursor =
    full && page.pageEnd
      ? encodeCursor({ at: page.pageEnd[0], id: page.pageEnd[1] })
      : resume
        ? encodeCursor(resume)
        : null;
  return {
    summaries: page.summaries.slice(0, filters.limit),
    previews: page.previews.slice(0, filters.limit),
    nextCursor,
  };
}

/** One page of the inbox as the API gives it, parsed (the routes send `presentInboxPage`'s text). */
export async function listInbox(...args: Parameters<typeof listInboxPage>): Promise<InboxPageDto> {
  return JSON.parse(presentInboxPage(await listInboxPage(...args))) as InboxPageDto;
}
