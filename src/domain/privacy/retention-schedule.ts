/**
 * The daily retention run of `guichet serve`: a job of the runner
 * (src/jobs/registry.ts) checked every hour, not before 10 minutes after
 * start, run when no scheduled run finished in the last 23 hours and some
 * mailbox has a policy. The runner gives each hourly check to one instance;
 * the lease in runRetention keeps it apart from a run an administrator
 * starts, and the 23-hour check stops the next hours from running it again.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ScheduledJob } from '../../jobs/runner/types.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { systemActor } from '../audit/record-audit.ts';
import { type RetentionResult, runRetention } from './run-retention.ts';

const hourMs = 60 * 60_000;

/** Runs the scheduled retention if it is due; returns the run, or null when not due. */
export async function runScheduledRetention(
  db: Kysely<DB>,
  blobs: BlobStore,
  now: Date = new Date(),
): Promise<RetentionResult | null> {
  const policy = await db.selectFrom('retention_policies').select('mailbox_id').limit(1).execute();
  if (policy.length === 0) return null;
  const recent = await db
    .selectFrom('retention_runs')
    .select('id')
    .where('trigger', '=', 'schedule')
    .where('dry_run', '=', false)
    .where('error', 'is', null)
    .where('started_at', '>', new Date(now.getTime() - 23 * hourMs))
    .limit(1)
    .execute();
  if (recent.length > 0) return null;
  return runRetention(db, blobs, { dryRun: false, trigger: 'schedule', actor: systemActor, now });
}

/**
 * The hourly check as a scheduled job; `onRun` hears of each run. A run
 * already in progress (an administrator's) is not a failure: this hour is done.
 */
export function retentionJob(options: {
  db: Kysely<DB>;
  blobs: BlobStore;
  onRun: (result: RetentionResult) => void;
}): ScheduledJob {
  return {
    kind: 'scheduled',
    name: 'retention',
    schedule: { every: hourMs },
    // not at once: an admin who has just set a policy gets to preview it first
    startAfterMs: 10 * 60_000,
    // a run anonymises thousands of tickets: a long lease, renewed while it works
    leaseMs: 10 * 60_000,
    async run() {
      try {
        const result = await runScheduledRetention(options.db, options.blobs);
        if (result) options.onRun(result);
      } catch (error) {
        if ((error as { code?: string }).code !== 'conflict') throw error;
      }
    },
  };
}
