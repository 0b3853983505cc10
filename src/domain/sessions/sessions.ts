/**
 * Server-side sessions.
 *
 * The browser holds a random 256-bit token (in a signed, HttpOnly cookie); the
 * database holds only its SHA-256, so a leaked database does not leak live
 * sessions. A session ends after `idleMinutes` without use or `maxHours` after
 * login, at logout, when the password changes, or when the user is disabled.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { executePrepared } from '../../db/prepared.ts';
import type { DB, UserRow } from '../../db/schema.ts';

export type SessionPolicy = { idleMinutes: number; maxHours: number };

export type ActiveSession = { id: string; csrfToken: string; user: UserRow };

/** last_seen_at is written at most this often per session, to spare the database. */
const touchEveryMs = 60_000;

export const sessionIdOf = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

function expiry(createdAt: Date, now: Date, policy: SessionPolicy): Date {
  const idle = now.getTime() + policy.idleMinutes * 60_000;
  const absolute = createdAt.getTime() + policy.maxHours * 3_600_000;
  return new Date(Math.min(idle, absolute));
}

/**
 * Opens a new session for `userId` and returns its token (for the cookie) and
 * CSRF token. Always a new id: a session id set before login is never reused.
 */
export async function createSession(
  db: Kysely<DB>,
  userId: string,
  policy: SessionPolicy,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      id: sessionIdOf(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: expiry(now, now, policy),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 500) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

/**
 * The user of session `sessionId` while it is live (not expired, not ended, its
 * user enabled), without extending it; null once it is not. Long-lived
 * responses (the live event stream) ask again from time to time.
 */
export async function liveSessionUser(
  db: Kysely<DB>,
  sessionId: string,
  now = new Date(),
): Promise<UserRow | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * The user's columns a session reads, named: every request runs this lookup as a
 * prepared statement, and a statement prepared with `users.*` fails on an older
 * instance once a later migration adds a column to users (its result changed).
 */
const userColumns = [
  'users.id',
  'users.email',
  'users.name',
  'users.role',
  'users.password_hash',
  'users.language',
  'users.signature',
  'users.disabled_at',
  'users.last_login_at',
  'users.created_at',
  'users.updated_at',
  'users.all_mailboxes',
  'users.color_scheme',
  'users.density',
] as const satisfies readonly `users.${keyof UserRow}`[];

/** Finds the live session of a token (not expired, user enabled) and extends it. */
export async function resolveSession(
  db: Kysely<DB>,
  token: string,
  policy: SessionPolicy,
): Promise<ActiveSession | null> {
  const now = new Date();
  const [row] = await executePrepared(
    db,
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(userColumns)
      .select([
        'sessions.id as session_id',
        'sessions.csrf_token',
        'sessions.created_at as session_created_at',
        'sessions.last_seen_at',
      ])
      .where('sessions.id', '=', sessionIdOf(token))
      .where('sessions.expires_at', '>', now)
      .where('users.disabled_at', 'is', null)
      .compile(),
  );
  if (!row) return null;
  if (now.getTime() - row.last_seen_at.getTime() > touchEveryMs) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: expiry(row.session_created_at, now, policy) })
      .where('id', '=', row.session_id)
      .execute();
  }
  const { session_id, csrf_token, session_created_at: _c, last_seen_at: _l, ...user } = row;
  return { id: session_id, csrfToken: csrf_token, user };
}

export async function destroySession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Removes expired sessions; returns how many. */
export async function purgeExpiredSessions(db: Kysely<DB>): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('expires_at', '<=', new Date())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
