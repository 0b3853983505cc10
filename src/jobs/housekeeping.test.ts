/**
 * The hourly housekeeping of `guichet serve` on both backends: it prunes the
 * help centre's ended rate-limit windows and keeps the live ones, both in one
 * pass and when the timer fires.
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../test/backends.ts';
import { defaultPortalLimits } from '../config/portal-limits.ts';
import { hitRateLimit } from '../portal/abuse/rate-limit.ts';
import { housekeep, housekeepingJob } from './housekeeping.ts';
import { createJobRunner } from './runner/runner.ts';

const hour = 3_600_000;
const rule = defaultPortalLimits.formPerIp; // one hour

describeEachBackend('housekeeping', (ctx) => {
  const keys = async () =>
    (await ctx.db.selectFrom('portal_rate_limits').select('key').orderBy('key').execute()).map(
      (r) => r.key,
    );
  const hitAt = (key: string, msAgo: number) =>
    hitRateLimit(ctx.db, key, rule, new Date(Date.now() - msAgo));

  it('deletes only the rate-limit windows that have ended', async () => {
    await hitAt('ip:ended-long-ago', 3 * 24 * hour);
    await hitAt('ip:ended-just-now', hour + 60_000);
    await hitAt('ip:live-old', hour - 60_000);
    await hitAt('email:live-fresh', 0);
    await housekeep(ctx.database, defaultPortalLimits);
    expect(await keys()).toEqual(['email:live-fresh', 'ip:live-old']);
    // a live window keeps counting where it was
    const again = await hitRateLimit(ctx.db, 'ip:live-old', { max: 2, windowSeconds: 3600 });
    expect(again.allowed).toBe(true);
    const third = await hitRateLimit(ctx.db, 'ip:live-old', { max: 2, windowSeconds: 3600 });
    expect(third.allowed).toBe(false);
  });

  it('runs on its timer until stopped', async () => {
    await hitAt('ip:ended-timer', 2 * hour);
    const errors: unknown[] = [];
    const runner = createJobRunner({
      db: ctx.db,
      jobs: [housekeepingJob({ database: ctx.database, limits: defaultPortalLimits, everyMs: 50 })],
      lookMs: 50,
      log: { error: (_job, error) => errors.push(error) },
    });
    runner.start();
    try {
      await expect.poll(keys, { timeout: 20_000, interval: 100 }).not.toContain('ip:ended-timer');
    } finally {
      await runner.stop();
    }
    expect(errors).toEqual([]);
    expect(await keys()).toContain('email:live-fresh');
  });
});
