/**
 * Failed-login throttling per account and per IP, stored in the database so
 * that every instance sees the same counters.
 *
 * Within a 15-minute window, after 5 failures an account is blocked for
 * 1 minute, doubling with each further failure up to 15 minutes; an IP is
 * blocked for 15 minutes after 50 failures (many accounts from one place).
 * Blocks always expire: there is no permanent lockout an attacker could use
 * to keep a colleague out. A successful login clears the account's counter.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const throttlePolicy = {
  windowMs: 15 * 60_000,
  accountFreeFailures: 5,
  accountMaxBlockMs: 15 * 60_000,
  ipFreeFailures: 50,
  ipBlockMs: 15 * 60_000,
} as const;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** Seconds until every given key may try again; 0 when none is blocked. */
export async function retryAfterSeconds(
  db: Kysely<DB>,
  keys: string[],
  now = new Date(),
): Promise<number> {
  const rows = await db
    .selectFrom('login_throttle')
    .select('blocked_until')
    .where('key', 'in', keys)
    .execute();
  const until = Math.max(0, ...rows.map((r) => r.blocked_until?.getTime() ?? 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

function blockFor(key: string, failures: number): number {
  if (key.startsWith('ip:'))
    return failures >= throttlePolicy.ipFreeFailures ? throttlePolicy.ipBlockMs : 0;
  const over = failures - throttlePolicy.accountFreeFailures;
  return over < 0 ? 0 : Math.min(60_000 * 2 ** over, throttlePolicy.accountMaxBlockMs);
}

/**
 * Counts one failure against each key and sets its block. The count is one
 * upsert, incremented by the database, so concurrent failures are all counted.
 */
export async function recordFailure(
  db: Kysely<DB>,
  keys: string[],
  now = new Date(),
): Promise<void> {
  const windowStart = new Date(now.getTime() - throttlePolicy.windowMs);
  const expired = sql<boolean>`login_throttle.window_started_at < ${windowStart}`;
  for (const key of keys) {
    const { failures } = await db
      .insertInto('login_throttle')
      .values({ key, failures: 1, window_started_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`case when ${expired} then 1 else login_throttle.failures + 1 end`,
          window_started_at: sql<Date>`case when ${expired} then ${now} else login_throttle.window_started_at end`,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    const block = blockFor(key, failures);
    await db
      .updateTable('login_throttle')
      .set({ blocked_until: block ? new Date(now.getTime() + block) : null })
      .where('key', '=', key)
      .execute();
  }
}

export async function clearFailures(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Removes counters whose window and block are both over; returns how many. */
export async function purgeStaleThrottles(db: Kysely<DB>, now = new Date()): Promise<number> {
  const windowStart = new Date(now.getTime() - throttlePolicy.windowMs);
  const result = await db
    .deleteFrom('login_throttle')
    .where('window_started_at', '<', windowStart)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
