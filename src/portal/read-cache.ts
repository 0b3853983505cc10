/**
 * A few seconds of memory for what every public request reads and
 * supervisors rarely change (a site's settings, the natures, the Demandeurs
 * mailbox): the pages and the form do not query them each time. Kept per
 * database handle (never shared between two databases of one process). A
 * change made on this instance clears it at once; other instances see it
 * within `ttlMs`.
 */
const ttlMs = 5_000;
type Entry = { until: number; value: Promise<unknown> };
const scopes = new WeakMap<object, Map<string, Entry>>();

/** The value of `key` for `db`, loaded by `load` at most once per `ttlMs` (a failed load is not kept). */
export function cachedRead<T>(
  db: object,
  key: string,
  load: () => Promise<T>,
  now = Date.now(),
): Promise<T> {
  let entries = scopes.get(db);
  if (!entries) {
    entries = new Map();
    scopes.set(db, entries);
  }
  const hit = entries.get(key);
  if (hit && hit.until > now) return hit.value as Promise<T>;
  const value = load();
  entries.set(key, { until: now + ttlMs, value });
  value.catch(() => entries.delete(key));
  return value;
}

/** Forgets what was cached for `db` (after a supervisor's change). */
export function clearReadCache(db: object): void {
  scopes.delete(db);
}
