/**
 * Fixed-window counters in the database, so every instance behind a load
 * balancer shares them (the in-memory @fastify/rate-limit does not). Keys are
 * HMACs of the IP or the e-mail address: the table never holds either.
 */
import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { coalescePerHandle } from '../../db/coalesce.ts';
import { executePrepared } from '../../db/prepared.ts';
import type { DB } from '../../db/schema.ts';

export type RateRule = { max: number; windowSeconds: number };

/** A key that identifies `value` without storing it (`ip:…`, `email:…`). */
export function rateKey(secret: string, kind: string, value: string): string {
  const digest = createHmac('sha256', secret).update(`${kind}\0${value}`).digest('base64url');
  return `${kind}:${digest.slice(0, 32)}`;
}

export type RateVerdict = { allowed: boolean; retryAfterSeconds: number };

type Hit = { key: string; rule: RateRule; now: Date };

/**
 * Counts one hit on `key` and returns whether it is still within `rule`,
 * with the seconds until the window ends.
 *
 * Hits are written like a group commit (src/db/coalesce.ts): the first goes
 * to the database at once; those that arrive while its statement runs are
 * written together by the next one (one multi-row upsert, one commit), each
 * key once with its number of hits. The upsert returns each key's count
 * after the batch, so every hit still gets its own exact rank in the window:
 * concurrent hits on several instances are counted exactly, as with one
 * statement per hit.
 */
export function hitRateLimit(
  db: Kysely<DB>,
  key: string,
  rule: RateRule,
  now = new Date(),
): Promise<RateVerdict> {
  return hitInBatch(db, { key, rule, now });
}

const hitInBatch = coalescePerHandle(
  async (db: Kysely<DB>, hits: Hit[]): Promise<RateVerdict[]> =>
    rank(hits, await writeHits(db, hits)),
);

type KeyCount = { key: string; now: Date; windowStart: Date; hits: number };

/** One upsert for the whole batch; returns each key's count and window start after it. */
async function writeHits(
  db: Kysely<DB>,
  hits: Hit[],
): Promise<Map<string, { hits: number; window_started_at: Date }>> {
  const byKey = new Map<string, KeyCount>();
  for (const hit of hits) {
    const known = byKey.get(hit.key);
    if (known) {
      known.hits += 1;
      continue;
    }
    const windowStart = new Date(hit.now.getTime() - hit.rule.windowSeconds * 1000);
    byKey.set(hit.key, { key: hit.key, now: hit.now, windowStart, hits: 1 });
  }
  const rows = [...byKey.values()];
  const keys = rows.map((r) => r.key);
  // A window that ended restarts at this batch: its count becomes the batch's hits.
  const ended = sql<boolean>`portal_rate_limits.window_started_at <= (select w.start from unnest(${keys}::text[], ${rows.map((r) => r.windowStart)}::timestamptz[]) as w(key, start) where w.key = portal_rate_limits.key)`;
  const query = db
    .insertInto('portal_rate_limits')
    .columns(['key', 'window_started_at', 'hits'])
    .expression(
      sql`select * from unnest(${keys}::text[], ${rows.map((r) => r.now)}::timestamptz[], ${rows.map((r) => r.hits)}::int[])`,
    )
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql`case when ${ended} then excluded.hits else portal_rate_limits.hits + excluded.hits end`,
        window_started_at: sql`case when ${ended} then excluded.window_started_at else portal_rate_limits.window_started_at end`,
      }),
    )
    .returning(['key', 'hits', 'window_started_at'])
    .compile();
  const written = await executePrepared(db, query);
  return new Map(written.map((r) => [r.key, r]));
}

/** Gives each hit its rank in its key's window (the batch's hits are the last ones counted). */
function rank(hits: Hit[], counts: Map<string, { hits: number; window_started_at: Date }>) {
  const batched = new Map<string, number>();
  for (const hit of hits) batched.set(hit.key, (batched.get(hit.key) ?? 0) + 1);
  const seen = new Map<string, number>();
  return hits.map((hit) => {
    const row = counts.get(hit.key);
    if (!row) throw new Error(`rate limit: no count returned for ${hit.key}`);
    const before = seen.get(hit.key) ?? 0;
    seen.set(hit.key, before + 1);
    const position = row.hits - (batched.get(hit.key) ?? 1) + before + 1;
    const ends = row.window_started_at.getTime() + hit.rule.windowSeconds * 1000;
    return {
      allowed: position <= hit.rule.max,
      retryAfterSeconds: Math.max(1, Math.ceil((ends - hit.now.getTime()) / 1000)),
    };
  });
}

/**
 * Removes the counters whose window has ended: those started more than
 * `windowSeconds` (the longest window of the rules in use) before `now`. A
 * later hit on such a key would have started a new window anyway, so nothing
 * a limit still needs is lost. Returns how many rows went. Called hourly by
 * housekeeping on every instance (a plain delete: safe to run concurrently).
 */
export async function pruneRateLimits(
  db: Kysely<DB>,
  windowSeconds: number,
  now = new Date(),
): Promise<number> {
  const result = await db
    .deleteFrom('portal_rate_limits')
    .where('window_started_at', '<=', new Date(now.getTime() - windowSeconds * 1000))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
