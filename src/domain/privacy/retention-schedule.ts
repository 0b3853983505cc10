/**
 * The daily retention run of `guichet serve`: checked 10 minutes after start and every
 * hour, run when no scheduled run finished in the last 23 hours and some
 * mailbox has a policy. Every instance schedules it; the lease in runRetention
 * lets one run at a time, and the 23-hour check stops the others from running
 * it again right after.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
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

/** Checks at once and then hourly until the returned function is called. */
export function startRetentionSchedule(options: {
  db: Kysely<DB>;
  blobs: BlobStore;
  onRun: (result: RetentionResult) => void;
  onError: (error: unknown) => void;
}): () => void {
  const tick = () => {
    runScheduledRetention(options.db, options.blobs)
      .then((result) => {
        if (result) options.onRun(result);
      })
      .catch((error: unknown) => {
        // another instance running it is not a failure
        if ((error as { code?: string }).code !== 'conflict') options.onError(error);
      });
  };
  // not at once: an admin who has just set a policy gets to preview it first
  const first = setTimeout(tick, 10 * 60_000);
  first.unref();
  const timer = setInterval(tick, hourMs);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
