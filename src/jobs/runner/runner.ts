/**
 * The job runner: one per process that runs background work (`guichet serve`
 * with the role `all` or `worker`, plus a small one in each web process for
 * the jobs that live in its memory). Created with every job of the registry,
 * started once, stopped once; `stop()` waits for the runs in progress.
 *
 * Any number of runners may share a database: a scheduled occurrence or an
 * enqueued run is one `job_runs` row claimed with `FOR UPDATE SKIP LOCKED`,
 * a per-key task is one `job_leases` row, and poll jobs claim their own rows.
 * See types.ts for the four kinds and docs/adr/0010-one-job-runner.md for why
 * this module rather than a queue library.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { releaseLease, takeLease } from './lease.ts';
import { defaultRetry, occurrenceId, occurrenceOf } from './schedule.ts';
import { type ClaimedRun, claimRuns, failRun, finishRun, insertRun, renewRun } from './store.ts';
import type {
  JobDefinition,
  PerKeyJob,
  PollJob,
  RunnerLog,
  ScheduledJob,
  TriggeredJob,
} from './types.ts';
import { Waker } from './waker.ts';

export type JobRunner = {
  /** This runner's name in leases and claims (`host:pid` unless given). */
  readonly owner: string;
  /** Starts every loop; once. */
  start(): void;
  /** Ends the loops, aborts the runs' signals and waits for the runs in progress. */
  stop(): Promise<void>;
  /** Runs a poll job's next pass at once (or, for any other name, looks for due runs). */
  wake(job: string): void;
  /**
   * Enqueues a run of the triggered job `job`. With a `key`, enqueuing the same
   * key again does nothing (the run id is `job:key`); returns whether it was added.
   */
  enqueue(
    job: string,
    payload: unknown,
    options?: { key?: string; runAt?: Date },
  ): Promise<boolean>;
};

export type JobRunnerOptions = {
  db: Kysely<DB>;
  jobs: readonly JobDefinition[];
  owner?: string;
  /** How often the runner looks for due runs and free keys (10 s). */
  lookMs?: number;
  log?: RunnerLog;
};

const defaultLeaseMs = 60_000;
const queueChannel = '\0queue';

const describe = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Renews a lease every third of `leaseMs` until stopped; calls `lost` when a
 * renewal says another owner has it. A failed renewal (database briefly away)
 * is tried again at the next beat: the lease is long enough for two misses.
 */
function heartbeat(leaseMs: number, renew: () => Promise<boolean>, lost: () => void) {
  let timer: NodeJS.Timeout | undefined;
  let beating: Promise<void> = Promise.resolve();
  let stopped = false;
  const schedule = () => {
    timer = setTimeout(() => {
      beating = renew()
        .then((held) => {
          if (!held) lost();
        })
        .catch(() => {})
        .finally(() => {
          if (!stopped) schedule();
        });
    }, leaseMs / 3);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await beating;
    },
  };
}

/** Creates a runner for `jobs` (names unique); nothing runs before `start()`. */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db } = options;
  const owner = options.owner ?? `${os.hostname()}:${process.pid}`;
  const lookMs = options.lookMs ?? 10_000;
  const log = options.log ?? { error: () => {} };
  const byName = new Map<string, JobDefinition>();
  for (const job of options.jobs) {
    if (byName.has(job.name)) throw new Error(`two jobs are named ${job.name}`);
    byName.set(job.name, job);
  }
  const queued = options.jobs.filter(
    (job): job is ScheduledJob | TriggeredJob =>
      job.kind === 'scheduled' || job.kind === 'triggered',
  );
  const waker = new Waker();
  const stopping = new AbortController();
  const loops: Promise<void>[] = [];
  const runs = new Set<Promise<void>>();
  /** Names of the queued jobs with a run in progress here (one at a time per job). */
  const busy = new Set<string>();
  const ensured = new Map<string, string>();
  let startedAt = 0;
  let started = false;

  const track = (run: Promise<void>) => {
    runs.add(run);
    void run.finally(() => runs.delete(run));
  };

  /** Inserts the current occurrence of each scheduled job (once per occurrence and runner). */
  async function ensureOccurrences(): Promise<void> {
    const now = new Date();
    for (const job of queued) {
      if (job.kind !== 'scheduled') continue;
      if (now.getTime() - startedAt < (job.startAfterMs ?? 0)) continue;
      const at = occurrenceOf(job.schedule, now);
      const id = occurrenceId(job.name, at);
      if (ensured.get(job.name) === id) continue;
      await insertRun(db, {
        id,
        name: job.name,
        runAt: at,
        maxAttempts: (job.retry ?? defaultRetry).maxAttempts,
      });
      ensured.set(job.name, id);
    }
  }

  async function execute(job: ScheduledJob | TriggeredJob, claimed: ClaimedRun): Promise<void> {
    const leaseMs = job.leaseMs ?? defaultLeaseMs;
    const controller = new AbortController();
    const abort = () => controller.abort();
    stopping.signal.addEventListener('abort', abort);
    if (stopping.signal.aborted) abort();
    const beat = heartbeat(leaseMs, () => renewRun(db, claimed.id, owner, leaseMs), abort);
    const context = { signal: controller.signal, attempt: claimed.attempts, runId: claimed.id };
    try {
      if (job.kind === 'scheduled') await job.run(context);
      else await job.run(context, claimed.payload);
      await beat.stop();
      await finishRun(db, claimed.id, owner);
    } catch (error) {
      await beat.stop();
      const retry = job.retry ?? defaultRetry;
      const retried = claimed.attempts < claimed.max_attempts;
      log.error(job.name, error, retried);
      await failRun(
        db,
        claimed.id,
        owner,
        describe(error),
        retried ? retry.backoffMs(claimed.attempts) : null,
      ).catch((failure: unknown) => log.error(job.name, failure, retried));
    } finally {
      stopping.signal.removeEventListener('abort', abort);
    }
  }

  /** Scheduled and triggered runs: insert the occurrences, claim what is due, run it. */
  async function queueLoop(): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        await ensureOccurrences();
        for (const job of queued) {
          if (busy.has(job.name) || stopping.signal.aborted) continue;
          const [claimed] = await claimRuns(db, {
            names: [job.name],
            owner,
            leaseMs: job.leaseMs ?? defaultLeaseMs,
            limit: 1,
          });
          if (!claimed) continue;
          busy.add(job.name);
          track(
            execute(job, claimed).finally(() => {
              busy.delete(job.name);
              waker.wake(queueChannel);
            }),
          );
        }
      } catch (error) {
        log.error('job runner', error, true);
      }
      await waker.wait(queueChannel, lookMs);
    }
  }

  async function pollLoop(job: PollJob): Promise<void> {
    let failures = 0;
    const context = { signal: stopping.signal, attempt: 1, runId: job.name };
    while (!stopping.signal.aborted) {
      let more = false;
      try {
        more = await job.run({ ...context, attempt: failures + 1 });
        failures = 0;
      } catch (error) {
        failures += 1;
        log.error(job.name, error, true);
      }
      if (stopping.signal.aborted) break;
      if (more) {
        // Back to back, but requests (and other jobs) go first.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const pause =
        failures === 0
          ? job.everyMs
          : Math.min(job.everyMs * 2 ** failures, job.maxBackoffMs ?? 60_000);
      await waker.wait(job.name, pause);
    }
  }

  async function perKeyLoop(job: PerKeyJob): Promise<void> {
    const leaseMs = job.leaseMs ?? 30_000;
    const held = new Map<string, { controller: AbortController; done: Promise<void> }>();
    const hold = (key: string) => {
      const lease = `${job.name}:${key}`;
      const controller = new AbortController();
      const abort = () => controller.abort();
      stopping.signal.addEventListener('abort', abort);
      if (stopping.signal.aborted) abort();
      const beat = heartbeat(leaseMs, () => takeLease(db, lease, owner, leaseMs / 1000), abort);
      const done = (async () => {
        try {
          await job.run({ signal: controller.signal, attempt: 1, runId: lease, key });
        } catch (error) {
          log.error(job.name, error, true);
        } finally {
          stopping.signal.removeEventListener('abort', abort);
          await beat.stop();
          await releaseLease(db, lease, owner).catch(() => {});
          held.delete(key);
        }
      })();
      held.set(key, { controller, done });
      track(done);
    };
    while (!stopping.signal.aborted) {
      try {
        const keys = new Set(await job.keys());
        for (const [key, task] of held) if (!keys.has(key)) task.controller.abort();
        for (const key of keys) {
          if (held.has(key) || stopping.signal.aborted) continue;
          if (await takeLease(db, `${job.name}:${key}`, owner, leaseMs / 1000)) hold(key);
        }
      } catch (error) {
        log.error(job.name, error, true);
      }
      // Look again within half a lease, so a dead holder's keys are taken over soon after it ends.
      await waker.wait(job.name, Math.min(lookMs, leaseMs / 2));
    }
  }

  return {
    owner,
    start() {
      if (started) throw new Error('the job runner is already started');
      started = true;
      startedAt = Date.now();
      if (queued.length > 0) loops.push(queueLoop());
      for (const job of options.jobs) {
        if (job.kind === 'poll') loops.push(pollLoop(job));
        if (job.kind === 'per-key') loops.push(perKeyLoop(job));
      }
    },
    async stop() {
      stopping.abort();
      waker.wakeAll();
      await Promise.all(loops);
      while (runs.size > 0) await Promise.all([...runs]);
    },
    wake(job) {
      const known = byName.get(job);
      waker.wake(known?.kind === 'poll' || known?.kind === 'per-key' ? job : queueChannel);
    },
    async enqueue(job, payload, enqueueOptions = {}) {
      const definition = byName.get(job);
      if (definition?.kind !== 'triggered') throw new Error(`no triggered job is named ${job}`);
      const added = await insertRun(db, {
        id: `${job}:${enqueueOptions.key ?? randomUUID()}`,
        name: job,
        payload,
        runAt: enqueueOptions.runAt,
        maxAttempts: (definition.retry ?? defaultRetry).maxAttempts,
      });
      waker.wake(queueChannel);
      return added;
    },
  };
}
