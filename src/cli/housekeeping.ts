/**
 * The hourly housekeeping of `guichet serve`, run by every instance: plain
 * deletes of rows that are already dead (expired sessions, finished
 * login-throttle counters, audit events older than 12 months, the help
 * centre's ended rate-limit windows and spent form tokens past their life), then PGlite's planner statistics. Two
 * instances running it at once delete the same dead rows, harmlessly, so it
 * needs no lease (the retention job, which does real work, takes one).
 */

import { longestRateWindowSeconds, type PortalLimits } from '../config/portal-limits.ts';
import type { Database } from '../db/client.ts';
import { refreshPlannerStatistics } from '../db/maintenance.ts';
import { purgeOldAuditEvents } from '../domain/audit/purge-audit.ts';
import { purgeStaleThrottles } from '../domain/sessions/login-throttle.ts';
import { purgeExpiredSessions } from '../domain/sessions/sessions.ts';
import { pruneFormNonces } from '../portal/abuse/form-token.ts';
import { pruneRateLimits } from '../portal/abuse/rate-limit.ts';

export const housekeepingEveryMs = 60 * 60_000;

/** One pass of housekeeping; `limits` are the help centre's (their longest window). */
export async function housekeep(
  database: Database,
  limits: PortalLimits,
  now = new Date(),
): Promise<void> {
  await Promise.all([
    purgeExpiredSessions(database.db),
    purgeStaleThrottles(database.db),
    purgeOldAuditEvents(database.db),
    pruneRateLimits(database.db, longestRateWindowSeconds(limits), now),
    pruneFormNonces(database.db, now),
  ]);
  await refreshPlannerStatistics(database);
}

/** Runs `housekeep` every `everyMs` (an hour) until the returned function is called. */
export function startHousekeeping(options: {
  database: Database;
  limits: PortalLimits;
  onError: (error: unknown) => void;
  everyMs?: number;
}): () => void {
  const timer = setInterval(() => {
    housekeep(options.database, options.limits).catch(options.onError);
  }, options.everyMs ?? housekeepingEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
