/**
 * The one contract of Guichet's background work (issue 17,
 * docs/adr/0010-one-job-runner.md). Every job has a name and one of four kinds:
 *
 * - `scheduled`: runs once per occurrence of its schedule across every
 *   instance (the occurrence is the run's idempotency key), leased, retried
 *   with exponential backoff. Housekeeping, the monthly summary, retention.
 * - `triggered`: runs once per enqueued payload (an optional key makes the
 *   enqueue idempotent), leased and retried like a scheduled run.
 * - `poll`: a loop in each runner that drains a queue of rows the job claims
 *   itself (`SKIP LOCKED` per row): a pass at once when woken, otherwise every
 *   `everyMs`, passes back to back while it reports more work, and a growing
 *   pause after failures. The outbox, the search backlog, the help centre's
 *   statistics buffer.
 * - `per-key`: one long-running task per key (an IMAP mailbox), held by one
 *   runner through a lease renewed by heartbeat; when the holder stops or dies
 *   its lease ends and another runner takes the key over.
 */

/**
 * What a run gets: a signal aborted when the runner stops or the run's lease is
 * lost, the attempt (1 for the first), and the run's id (`job@occurrence`,
 * `job:key`; for poll and per-key jobs, the job's name and the key).
 */
export type JobContext = { signal: AbortSignal; attempt: number; runId: string };

/**
 * When a scheduled job is due, in UTC. `every` cuts time into slots of `ms`
 * from the Unix epoch (an hour: every o'clock); `hourlyAt` is minute `minute`
 * of every hour; `monthlyAt` is `hour`:00 on day `day` (1–28) of every month.
 */
export type Schedule =
  | { every: number }
  | { hourlyAt: number }
  | { monthlyAt: { day: number; hour: number } };

/** Attempts and the pause before attempt n+1 after n failures. */
export type RetryPolicy = { maxAttempts: number; backoffMs: (failures: number) => number };

export type ScheduledJob = {
  kind: 'scheduled';
  name: string;
  schedule: Schedule;
  /** A runner enqueues no occurrence before it has run this long (time to look first). */
  startAfterMs?: number;
  retry?: RetryPolicy;
  leaseMs?: number;
  run(context: JobContext): Promise<void>;
};

export type TriggeredJob = {
  kind: 'triggered';
  name: string;
  retry?: RetryPolicy;
  leaseMs?: number;
  run(context: JobContext, payload: unknown): Promise<void>;
};

export type PollJob = {
  kind: 'poll';
  name: string;
  /** The pause between passes when idle. */
  everyMs: number;
  /** The longest pause after failures (the pause doubles from `everyMs`). */
  maxBackoffMs?: number;
  /** One pass; true when more work waits (the next pass starts at once). */
  run(context: JobContext): Promise<boolean>;
};

export type PerKeyJob = {
  kind: 'per-key';
  name: string;
  /** The keys to hold (read at every look, so new keys are picked up). */
  keys(): Promise<string[]>;
  /** The lease of a key; renewed every third of it, taken over when it ends. */
  leaseMs?: number;
  /** Runs until `context.signal` aborts (stop, or the lease lost); returning early frees the key. */
  run(context: JobContext & { key: string }): Promise<void>;
};

export type JobDefinition = ScheduledJob | TriggeredJob | PollJob | PerKeyJob;

/** Where a runner reports: a run failed (and whether it is retried), a key taken or lost. */
export type RunnerLog = {
  error(job: string, error: unknown, retried: boolean): void;
};
