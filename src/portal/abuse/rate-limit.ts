/**
 * Fixed-window counters in the database, so every instance behind a load
 * balancer shares them (the in-memory @fastify/rate-limit does not). Keys are
 * HMACs of the IP or the e-mail address: the table never holds either.
 */
import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type RateRule = { max: number; windowSeconds: number };

/** A key that identifies `value` without storing it (`ip:…`, `email:…`). */
export function rateKey(secret: string, kind: string, value: string): string {
  const digest = createHmac('sha256', secret).update(`${kind}\0${value}`).digest('base64url');
  return `${kind}:${digest.slice(0, 32)}`;
}

/**
 * Counts one hit on `key` and returns whether it is still within `rule`,
 * with the seconds until the window ends. One statement: concurrent hits on
 * several instances are counted exactly.
 */
export async function hitRateLimit(
  db: Kysely<DB>,
  key: string,
  rule: RateRule,
  now = new Date(),
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
  const row = await db
    .insertInto('portal_rate_limits')
    .values({ key, window_started_at: now, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql`case when portal_rate_limits.window_started_at <= ${windowStart} then 1 else portal_rate_limits.hits + 1 end`,
        window_started_at: sql`case when portal_rate_limits.window_started_at <= ${windowStart} then ${now} else portal_rate_limits.window_started_at end`,
      }),
    )
    .returning(['hits', 'window_started_at'])
    .executeTakeFirstOrThrow();
  const ends = row.window_started_at.getTime() + rule.windowSeconds * 1000;
  return {
    allowed: row.hits <= rule.max,
    retryAfterSeconds: Math.max(1, Math.ceil((ends - now.getTime()) / 1000)),
  };
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
