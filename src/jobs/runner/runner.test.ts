import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { takeLease } from './lease.ts';
import { createJobRunner, type JobRunner, type JobRunnerOptions } from './runner.ts';
import { claimRuns } from './store.ts';
import type { JobDefinition } from './types.ts';

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

/** A promise with its resolve, to hold a run until the test lets it go. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describeEachBackend('job runner', (ctx) => {
  const started: JobRunner[] = [];
  const runner = (jobs: JobDefinition[], options: Partial<JobRunnerOptions> = {}) => {
    const created = createJobRunner({ db: ctx.db, jobs, lookMs: 20, ...options });
    created.start();
    started.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((r) => r.stop()));
  });

  const runRow = async (id: string) =>
    (
      await sql<{ status: string; attempts: number; locked_by: string | null }>`
        select status, attempts, locked_by from job_runs where id = ${id}`.execute(ctx.db)
    ).rows[0];

  it('runs each occurrence of a schedule once, with two runners on one database', async () => {
    const name = unique('tick');
    const ran: string[] = [];
    const job = (): JobDefinition => ({
      kind: 'scheduled',
      name,
      schedule: { every: 100 },
      run: async ({ runId }) => {
        ran.push(runId);
      },
    });
    const a = runner([job()], { owner: 'runner-a' });
    const b = runner([job()], { owner: 'runner-b' });
    await expect
      .poll(() => new Set(ran).size, { timeout: 20_000, interval: 50 })
      .toBeGreaterThan(5);
    await Promise.all([a.stop(), b.stop()]);
    expect(ran.length).toBe(new Set(ran).size);
    const { rows } = await sql<{ id: string; status: string }>`
      select id, status from job_runs where name = ${name} order by id`.execute(ctx.db);
    expect(rows.map((r) => r.id)).toEqual([...ran].sort());
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['done']));
  });

  it('retries a failed run with exponential backoff, then fails it for good', async () => {
    const name = unique('flaky');
    const starts: number[] = [];
    const errors: { retried: boolean }[] = [];
    const r = runner(
      [
        {
          kind: 'triggered',
          name,
          retry: { maxAttempts: 3, backoffMs: (failures) => 100 * 2 ** (failures - 1) },
          run: async (_context, payload) => {
            starts.push(Date.now());
            if ((payload as { succeedAt: number }).succeedAt !== starts.length)
              throw new Error(`attempt ${starts.length} failed`);
          },
        },
      ],
      { log: { error: (_job, _error, retried) => errors.push({ retried }) } },
    );
    await r.enqueue(name, { succeedAt: 3 }, { key: 'third-time-lucky' });
    await expect
      .poll(async () => (await runRow(`${name}:third-time-lucky`))?.status, {
        timeout: 20_000,
      })
      .toBe('done');
    expect(await runRow(`${name}:third-time-lucky`)).toMatchObject({ attempts: 3 });
    const [first = 0, second = 0, third = 0] = starts;
    expect(second - first).toBeGreaterThanOrEqual(100);
    expect(third - second).toBeGreaterThanOrEqual(200);
    expect(errors).toEqual([{ retried: true }, { retried: true }]);

    // The same key again is the same run: nothing more happens.
    expect(await r.enqueue(name, { succeedAt: 1 }, { key: 'third-time-lucky' })).toBe(false);

    starts.length = 0;
    await r.enqueue(name, { succeedAt: 99 }, { key: 'never' });
    await expect
      .poll(async () => (await runRow(`${name}:never`))?.status, {
        timeout: 20_000,
      })
      .toBe('failed');
    expect(starts).toHaveLength(3);
    expect(errors.at(-1)).toEqual({ retried: false });
  });

  it('lets another runner take over a run whose lease has expired', async () => {
    const name = unique('orphan');
    let runs = 0;
    const job: JobDefinition = {
      kind: 'triggered',
      name,
      run: async () => {
        runs += 1;
      },
    };
    const enqueuer = createJobRunner({ db: ctx.db, jobs: [job] });
    await enqueuer.enqueue(name, {}, { key: 'k' });
    // A runner claims it, then dies: its lease of 200 ms is never renewed.
    const [claimed] = await claimRuns(ctx.db, {
      names: [name],
      owner: 'dead-runner',
      leaseMs: 200,
      limit: 1,
    });
    expect(claimed?.id).toBe(`${name}:k`);
    const heir = runner([job], { owner: 'heir' });
    await expect
      .poll(async () => (await runRow(`${name}:k`))?.status, { timeout: 20_000 })
      .toBe('done');
    expect(await runRow(`${name}:k`)).toMatchObject({ locked_by: heir.owner, attempts: 2 });
    expect(runs).toBe(1);
  });

  it('holds each key of a per-key job in one runner; another takes it over when its lease ends', async () => {
    const name = unique('mailbox');
    let active = 0;
    let mostActive = 0;
    const holders: string[] = [];
    const job = (owner: string): JobDefinition => ({
      kind: 'per-key',
      name,
      leaseMs: 600,
      keys: async () => ['k'],
      run: async ({ signal, key }) => {
        active += 1;
        mostActive = Math.max(mostActive, active);
        holders.push(`${owner}:${key}`);
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        active -= 1;
      },
    });
    // A dead instance holds the key: its lease ends on its own.
    expect(await takeLease(ctx.db, `${name}:k`, 'dead-runner', 0.3)).toBe(true);
    const a = runner([job('a')], { owner: 'a' });
    const b = runner([job('b')], { owner: 'b' });
    await expect.poll(() => holders.length, { timeout: 20_000 }).toBe(1);
    const [first] = holders;
    const leaseOwner = async () =>
      (
        await ctx.db
          .selectFrom('job_leases')
          .select('owner')
          .where('name', '=', `${name}:k`)
          .executeTakeFirst()
      )?.owner;
    expect(await leaseOwner()).toBe(first === 'a:k' ? 'a' : 'b');
    // The holder stops (its lease is given back): the other takes the key over.
    await (first === 'a:k' ? a : b).stop();
    await expect.poll(() => holders.length, { timeout: 20_000 }).toBe(2);
    expect(holders[1]).toBe(first === 'a:k' ? 'b:k' : 'a:k');
    expect(mostActive).toBe(1);
  });

  it('stop() aborts the signal and waits for the run in progress', async () => {
    const name = unique('slow');
    const events: string[] = [];
    const release = gate();
    let aborted = false;
    const r = runner([
      {
        kind: 'triggered',
        name,
        run: async ({ signal }) => {
          events.push('started');
          signal.addEventListener('abort', () => {
            aborted = true;
          });
          await release.opened;
          events.push('finished');
        },
      },
    ]);
    await r.enqueue(name, {}, { key: 'one' });
    await expect.poll(() => events, { timeout: 20_000 }).toEqual(['started']);
    const stopping = r.stop().then(() => events.push('stopped'));
    await expect.poll(() => aborted, { timeout: 20_000 }).toBe(true);
    expect(events).toEqual(['started']);
    release.open();
    await stopping;
    expect(events).toEqual(['started', 'finished', 'stopped']);
    expect(await runRow(`${name}:one`)).toMatchObject({ status: 'done' });
  });

  it('runs a poll pass at once when woken, long before its interval', async () => {
    const name = unique('poll');
    let passes = 0;
    const r = runner([
      {
        kind: 'poll',
        name,
        everyMs: 600_000,
        run: async () => {
          passes += 1;
          return false;
        },
      },
    ]);
    await expect.poll(() => passes, { timeout: 20_000 }).toBe(1);
    r.wake(name);
    await expect.poll(() => passes, { timeout: 20_000 }).toBe(2);
  });
});
