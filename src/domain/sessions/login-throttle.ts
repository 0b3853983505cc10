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
import type { Kysely } from 'kysely';
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

/** Counts one failure against each key and sets its block. */
export async function recordFailure(
  db: Kysely<DB>,
  keys: string[],
  now = new Date(),
): Promise<void> {
  for (const key of keys) {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('login_throttle')
        .selectAll()
        .where('key', '=', key)
        .forUpdate()
        .executeTakeFirst();
      const fresh =
        !row || now.getTime() - row.window_started_at.getTime() > throttlePolicy.windowMs;
      const failures = fresh ? 1 : row.failures + 1;
      const block = blockFor(key, failures);
      const values = {
        failures,
        window_started_at: fresh ? now : row.window_started_at,
        blocked_until: block ? new Date(now.getTime() + block) : null,
      };
      await trx
        .insertInto('login_throttle')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    });
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
