/**
 * How an inbox search finds its page (docs/adr/0008). Search matches subjects,
 * bodies (French stemming, accents ignored), contact names and addresses (the
 * tickets' search documents of migration 0012), ticket numbers, and numéros
 * uniques exactly (the ticket's numbers, whatever their spelling). Three ways, cheapest first:
 * - A common word matches most tickets: reading the first tickets of the list in
 *   order (`walkFirst`) finds a page at once, where reading its matches from the
 *   index would read hundreds of thousands. A search with a digit in it (a
 *   number, a numéro unique, an address) is rare and skips this.
 * - Else, the index's matches, when they are at most `searchCap`: a rare word, a
 *   name, a numéro unique cost a handful of rows.
 * - Else, the list is walked up to `walkMax` tickets for one page; the cursor
 *   resumes the walk.
 */
import { type Kysely, type QueryCreator, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { parseNumeroUnique } from '../../shared/numero-unique.ts';
import {
  type Cursor,
  count,
  cursorText,
  type PageContext,
  type Position,
  pageConditions,
} from './inbox-query.ts';

/**
 * How a search goes (tests shrink it): the first `walkFirst` tickets of the list
 * are read in order, keeping the matching ones; short of a page, the matching
 * tickets are read from the index, by id, when there are at most `searchCap`;
 * beyond, the list is walked up to `walkMax` tickets for one page.
 */
export type SearchTuning = { walkFirst: number; searchCap: number; walkMax: number };
export const defaultTuning: SearchTuning = { walkFirst: 1000, searchCap: 5000, walkMax: 20_000 };

/**
 * Tickets matching `q`: the words of their search document (subject, messages and
 * contact, migration 0012), French-stemmed or as typed (names, addresses), or
 * their number; a numéro unique on the ticket's numbers.
 */
function matchCondition(q: string): RawBuilder<SqlBool> {
  // A numéro unique, however spelt, is matched exactly on the ticket's numbers
  // (issue 20 §3): `035 0320 012345 AB12C` finds `0350320012345AB12C`.
  // Its words match too: a message written before numbers were read (the backfill job
  // reads those) holds it as a word when it was written in one run.
  const numero = parseNumeroUnique(q);
  const demand = numero
    ? sql<SqlBool>`tickets.id in (
        select ticket_id from ticket_demand_numbers where numero = ${numero}) or `
    : sql<SqlBool>``;
  const words = q.replace(/^#/, '');
  const number = /^\d{1,15}$/.test(words) ? Number(words) : -1;
  // One query of both forms (OR of tsqueries): one index scan, one test per ticket.
  // It is a subquery, so a generic plan computes it once per execution too (a
  // function call over a parameter would be evaluated for every ticket).
  return sql<SqlBool>`(${demand}tickets.search_document @@
      (select websearch_to_tsquery('french'::regconfig, guichet_unaccent(${q}))
        || websearch_to_tsquery('simple'::regconfig, guichet_unaccent(${q})))
    or tickets.number = ${number})`;
}

/**
 * The matching tickets among the next `span` tickets of the list (after the
 * context's cursor), in list order, at most a page and one.
 */
export function walkedMatches(q: string, context: PageContext, span: number) {
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
export function indexMatches(q: string | null, searchCap: number, column: Position['column']) {
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

/**
 * Which tickets the page query reads as its `found` part: the walk of the list
 * (`walk`: the page itself), the index's matches (`index`), these ids (the
 * longer walk's), or nothing (no search).
 */
export type Found = 'walk' | 'index' | number[] | null;

/**
 * Runs the search of `context` (or the plain list) through `readPage`, the page
 * query for one way of finding its tickets; returns the page read, and where a
 * walk that found less than a page resumes.
 */
export async function searchPage<Page extends { summaries: unknown[]; foundCount: number }>(
  db: Kysely<DB>,
  context: PageContext,
  tuning: SearchTuning,
  readPage: (found: Found) => Promise<Page>,
): Promise<{ page: Page; resume: Cursor | null }> {
  const { q, limit } = context.filters;
  if (!q) return { page: await readPage(null), resume: null };
  const rare = /\d/.test(q);
  let page = await readPage(rare ? 'index' : 'walk');
  if (!rare && page.summaries.length > limit) return { page, resume: null };
  if (!rare) page = await readPage('index');
  if (page.foundCount <= tuning.searchCap) return { page, resume: null };
  const walk = await walkList(db, q, context, tuning.walkMax);
  return { page: await readPage(walk.ids), resume: walk.resume };
}
