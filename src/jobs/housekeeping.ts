/**
 * The hourly housekeeping of `guichet serve`, a scheduled job of the runner
 * (registry.ts): plain deletes of rows that are already dead (expired
 * sessions, finished login-throttle counters, audit events older than 12
 * months, the help centre's ended rate-limit windows and spent form tokens past
 * their life, job runs finished more
 * than 30 days ago, import runs whose process died and their uploads here, the
 * composer's files never sent after 30 days), then
 * PGlite's planner statistics. The runner gives each
 * hour to one instance; two running it at once would delete the same dead
 * rows, harmlessly.
 */

import { longestRateWindowSeconds, type PortalLimits } from '../config/portal-limits.ts';
import type { Database } from '../db/client.ts';
import { refreshPlannerStatistics } from '../db/maintenance.ts';
import { purgeOldAuditEvents } from '../domain/audit/purge-audit.ts';
import { purgeStaleUploads } from '../domain/composer/uploads.ts';
import { purgeStaleThrottles } from '../domain/sessions/login-throttle.ts';
import { purgeExpiredSessions } from '../domain/sessions/sessions.ts';
import { settleInterruptedImports } from '../import/uploads/interrupted-imports.ts';
import { pruneFormNonces } from '../portal/abuse/form-token.ts';
import { pruneRateLimits } from '../portal/abuse/rate-limit.ts';
import { purgeFinishedRuns } from './runner/store.ts';
import type { ScheduledJob } from './runner/types.ts';

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
    purgeFinishedRuns(database.db),
    settleInterruptedImports(database.db),
    // The composer's files never sent (issue 19).
    purgeStaleUploads(database.db, now),
  ]);
  await refreshPlannerStatistics(database);
}

/**
 * `housekeep` as a scheduled job: every `everyMs` (an hour, on the hour), the
 * first pass as soon as the runner starts unless this hour's is done.
 */
export function housekeepingJob(options: {
  database: Database;
  limits: PortalLimits;
  everyMs?: number;
}): ScheduledJob {
  return {
    kind: 'scheduled',
    name: 'housekeeping',
    schedule: { every: options.everyMs ?? housekeepingEveryMs },
    run: () => housekeep(options.database, options.limits),
  };
}
