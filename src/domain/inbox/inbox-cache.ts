/**
 * Shared answers of the inbox lists and folder counts (issue 6: 50 agents on
 * 1,000,000 tickets). When a ticket arrives, every open workspace is told by the
 * live stream and asks for its list and counts again: with this cache the
 * instance computes each distinct answer once, and every other agent asking the
 * same gets the same JSON.
 *
 * An answer is kept until anything changes, as `live_events` tells (the rows its
 * triggers write for every ticket and message, from any writer or instance):
 * - the live hub hands over each batch of events it reads;
 * - a request whose browser has seen a later event than this instance (header
 *   `x-guichet-live`, sent by the web app) makes the instance read the newest event
 *   id first, so an answer is never older than what the live stream announced;
 * - otherwise the newest event id is read at most once every `freshMs`;
 * - a change made through this instance (`invalidate`) drops every answer at once.
 * Answers are also dropped after `maxAgeMs`, for the rare change without an event
 * (a contact or an organisation renamed).
 *
 * Keys carry everything the answer depends on, the caller's mailboxes included:
 * the cache never widens what a user may see. Searches are not cached.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MailboxScope } from '../../policies/mailbox-access.ts';

export type InboxCacheOptions = { freshMs: number; maxAgeMs: number; maxEntries: number };

const defaults: InboxCacheOptions = { freshMs: 1000, maxAgeMs: 10_000, maxEntries: 1000 };

export type InboxCache = {
  /**
   * The answer kept for `key`, or `compute`'s (one computation for concurrent
   * callers). `seen`: the newest live event the caller knows of. One key, one
   * type of answer (the routes keep JSON and the live position it was read at).
   */
  get<T = string>(key: string, compute: () => Promise<T>, seen?: number): Promise<T>;
  /** Something changed here: every answer is computed again. */
  invalidate(): void;
  /** The newest event id of a batch the live hub read (presence ignored). */
  observe(eventId: number): void;
};

type Entry = { generation: number; at: number; json: Promise<unknown> };

/** The part of a key that names the caller's mailboxes. */
export const scopeKey = (scope: MailboxScope): string =>
  scope === 'all' ? 'all' : [...scope].sort().join(',');

/** The id of the newest change (not presence) in `live_events`. */
async function newestChange(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ id: string | null }>`
    select max(id) as id from live_events where kind <> 'presence'`.execute(db);
  return Number(rows[0]?.id ?? 0);
}

export function createInboxCache(
  db: Kysely<DB>,
  options: Partial<InboxCacheOptions> = {},
  now: () => number = Date.now,
  newest: () => Promise<number> = () => newestChange(db),
): InboxCache {
  const { freshMs, maxAgeMs, maxEntries } = { ...defaults, ...options };
  const entries = new Map<string, Entry>();
  let generation = 0;
  let version = 0;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<void> | undefined;

  const observe = (eventId: number) => {
    if (eventId > version) {
      version = eventId;
      generation += 1;
    }
  };
  const check = () => {
    checking ??= newest()
      .then((id) => {
        checkedAt = now();
        observe(id);
      })
      .finally(() => {
        checking = undefined;
      });
    return checking;
  };

  return {
    async get<T>(key: string, compute: () => Promise<T>, seen?: number): Promise<T> {
      if (seen !== undefined && seen > version) {
        await check();
        // The check awaited may have been under way before the event the browser saw was
        // committed (several requests share one): then it read an older id. Read again, once:
        // this one starts after the request came, so after the event.
        if (seen > version) await check();
      } else if (now() - checkedAt > freshMs) await check();
      const kept = entries.get(key);
      if (kept && kept.generation === generation && now() - kept.at <= maxAgeMs)
        return kept.json as Promise<T>;
      const answer = compute();
      const entry: Entry = { generation, at: now(), json: answer };
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entry.json.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return answer;
    },
    invalidate() {
      generation += 1;
      entries.clear();
    },
    observe,
  };
}
