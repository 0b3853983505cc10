/**
 * Deflection facts of the help centre (issue 7): article views, searches
 * (and those that found nothing), "did it help" votes, form starts and
 * submissions. Recorded without personal data: no IP, no cookie id, and the
 * search text is kept only normalised (addresses and numbers removed).
 */
import { type Kysely, sql } from 'kysely';
import type { DB, PortalEventKind } from '../../db/schema.ts';
import type { PollJob } from '../../jobs/runner/types.ts';
import { presentDeflectionStats } from '../../presenters/deflection-stats.ts';
import { maskNumeroUnique } from '../../shared/numero-unique.ts';
import type { DeflectionRow, DeflectionStatsDto } from '../../shared/portal-contracts.ts';
import { listNatures } from '../sites.ts';

export type PortalEvent = {
  departement: string;
  kind: PortalEventKind;
  natureKey?: string | null;
  articleId?: string | null;
  query?: string | null;
  results?: number | null;
};

/**
 * A search text fit for statistics: lower case, e-mail addresses dropped,
 * a numéro unique (its office code included) and every run of 3+ digits as
 * `#` (a phone, a NIR), 100 characters at most.
 */
export function normaliseSearchText(text: string): string {
  return maskNumeroUnique(text.normalize('NFKC'), '#')
    .toLowerCase()
    .replace(/\S+@\S+/g, ' ')
    .replace(/[0-9][0-9 .-]{2,}[0-9]|[0-9]{3,}/g, '#')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
}

const toRow = (event: PortalEvent, at = new Date()) => ({
  at,
  departement: event.departement,
  kind: event.kind,
  nature_key: event.natureKey ?? null,
  article_id: event.articleId ?? null,
  query: event.query ? normaliseSearchText(event.query) || null : null,
  results: event.results ?? null,
});

/** Appends one event now (votes, form starts: rare, kept at once). */
export async function recordPortalEvent(db: Kysely<DB>, event: PortalEvent): Promise<void> {
  await db.insertInto('portal_events').values(toRow(event)).execute();
}

/**
 * Article views and searches, the high-volume reads, are buffered and written
 * in one multi-row insert every `flushEveryMs` by the runner's flush job in
 * each web process (or at once every 200 events): a page read costs no
 * database write. A crash loses at most that fraction of a second of
 * statistics, never a ticket.
 */
const flushEveryMs = 250;
type EventBuffer = {
  rows: ReturnType<typeof toRow>[];
  /** The insert in progress: a flush waits for it, so rows are written when it returns. */
  writing: Promise<void>;
};
const buffers = new WeakMap<Kysely<DB>, EventBuffer>();

export function queuePortalEvent(db: Kysely<DB>, event: PortalEvent): void {
  let buffer = buffers.get(db);
  if (!buffer) {
    buffer = { rows: [], writing: Promise.resolve() };
    buffers.set(db, buffer);
  }
  buffer.rows.push(toRow(event));
  if (buffer.rows.length >= 200) void flushPortalEvents(db).catch(() => {});
}

/**
 * The flush as a poll job (src/jobs/registry.ts), in every process that
 * serves the help centre: the buffer lives in that process's memory.
 */
export function portalEventsFlushJob(db: Kysely<DB>): PollJob {
  return {
    kind: 'poll',
    name: 'portal-events-flush',
    everyMs: flushEveryMs,
    async run() {
      await flushPortalEvents(db);
      return false;
    },
  };
}

/** Writes the buffered events of `db` (at shutdown, and in tests before counting). */
export async function flushPortalEvents(db: Kysely<DB>): Promise<void> {
  const buffer = buffers.get(db);
  if (!buffer) return;
  const rows = buffer.rows.splice(0);
  const write = buffer.writing.then(async () => {
    if (rows.length > 0) await insertEvents(db, rows);
  });
  buffer.writing = write.catch(() => {});
  await write;
}

/**
 * Inserts buffered rows with one array parameter per column: the statement
 * is the same whatever the number of rows (7 parameters, not 7 per row), so
 * building it and planning it cost little even for 200 rows.
 */
async function insertEvents(db: Kysely<DB>, rows: ReturnType<typeof toRow>[]): Promise<void> {
  const column = <K extends keyof ReturnType<typeof toRow>>(key: K) => rows.map((r) => r[key]);
  // ISO strings: pg's own Date formatting costs more per element of a 200-row batch.
  const at = rows.map((r) => r.at.toISOString());
  await db
    .insertInto('portal_events')
    .columns(['at', 'departement', 'kind', 'nature_key', 'article_id', 'query', 'results'])
    .expression(
      sql`select * from unnest(${at}::timestamptz[], ${column('departement')}::text[],
        ${column('kind')}::text[], ${column('nature_key')}::text[], ${column('article_id')}::uuid[],
        ${column('query')}::text[], ${column('results')}::int[])`,
    )
    .execute();
}

const counts = {
  articleViews: sql<number>`count(*) filter (where kind = 'article_view')::int`,
  searches: sql<number>`count(*) filter (where kind = 'search')::int`,
  searchesWithoutResult: sql<number>`count(*) filter (where kind = 'search' and results = 0)::int`,
  helpedYes: sql<number>`count(*) filter (where kind = 'vote_yes')::int`,
  helpedNo: sql<number>`count(*) filter (where kind = 'vote_no')::int`,
  formStarts: sql<number>`count(*) filter (where kind = 'form_start')::int`,
  formSubmissions: sql<number>`count(*) filter (where kind = 'form_submit')::int`,
};

/**
 * Deflection figures from `from` to `to` (Paris days, both included), per
 * month, département and nature, with totals and the searches that found nothing.
 */
export async function deflectionStats(
  db: Kysely<DB>,
  query: { from: string; to: string; departement?: string },
): Promise<DeflectionStatsDto> {
  const start = sql<Date>`(${query.from}::date)::timestamp at time zone 'Europe/Paris'`;
  const end = sql<Date>`((${query.to}::date + 1))::timestamp at time zone 'Europe/Paris'`;
  let base = db
    .selectFrom('portal_events')
    .where(sql<boolean>`at >= ${start}`)
    .where(sql<boolean>`at < ${end}`);
  if (query.departement) base = base.where('departement', '=', query.departement);
  const month = sql<string>`to_char(at at time zone 'Europe/Paris', 'YYYY-MM')`;
  const [rows, empty, natures] = await Promise.all([
    base
      .select([month.as('month'), 'departement', 'nature_key as natureKey'])
      .select(Object.entries(counts).map(([name, expr]) => expr.as(name)))
      .groupBy([month, 'departement', 'nature_key'])
      .orderBy(month)
      .orderBy('departement')
      .orderBy('nature_key')
      .execute(),
    base
      .select(['query', sql<number>`count(*)::int`.as('count')])
      .where('kind', '=', 'search')
      .where('results', '=', 0)
      .where('query', 'is not', null)
      .groupBy('query')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('query')
      .limit(20)
      .execute(),
    listNatures(db),
  ]);
  return presentDeflectionStats({
    rows: rows as unknown as DeflectionRow[],
    emptySearches: empty,
    natures,
  });
}
