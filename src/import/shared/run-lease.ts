/**
 * An import run holds a lease while its process lives (issue 16 §13): the
 * job runner's named leases (`job_leases`, src/jobs/runner/lease.ts), named
 * `import:<run id>`, taken before the run's row is written and renewed every
 * third of its life. A process killed with SIGKILL stops renewing it; once it
 * has run out, the run reads as interrupted (uploads/interrupted-imports.ts).
 */
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { releaseLease, takeLease } from '../../jobs/runner/lease.ts';

/** How long a run stays "running" after its process stopped renewing its lease. */
export const importLeaseSeconds = 30;

/** The lease of the run `runId`. */
export const importLeaseName = (runId: string): string => `import:${runId}`;

export type RunLease = { release(): Promise<void> };

/** Takes the lease of a new run and renews it until `release` (a failed renewal is tried again). */
export async function holdRunLease(
  db: Kysely<DB>,
  runId: string,
  seconds = importLeaseSeconds,
): Promise<RunLease> {
  const name = importLeaseName(runId);
  const owner = `${os.hostname()}:${process.pid}`;
  if (!(await takeLease(db, name, owner, seconds)))
    throw new Error(`the import run ${runId} is already held by another process`);
  const timer = setInterval(
    () => {
      takeLease(db, name, owner, seconds).catch(() => {});
    },
    (seconds * 1000) / 3,
  );
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      await releaseLease(db, name, owner).catch(() => {});
    },
  };
}
