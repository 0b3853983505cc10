/**
 * The database rate limit counts every hit exactly, also when concurrent hits
 * are written together in one batch (several keys, repeated keys, ended windows).
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { hitRateLimit } from './rate-limit.ts';

const rule = { max: 3, windowSeconds: 3600 };

describeEachBackend('help-centre rate limit', (ctx) => {
  it('lets exactly `max` of many concurrent hits on one key through', async () => {
    const verdicts = await Promise.all(
      Array.from({ length: 10 }, () => hitRateLimit(ctx.db, 'ip:burst', rule)),
    );
    expect(verdicts.map((v) => v.allowed)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(verdicts.every((v) => v.retryAfterSeconds > 3590)).toBe(true);
    const row = await ctx.db
      .selectFrom('portal_rate_limits')
      .select('hits')
      .where('key', '=', 'ip:burst')
      .executeTakeFirstOrThrow();
    expect(row.hits).toBe(10);
  });

  it('counts each key of a batch on its own, each with its own rule', async () => {
    const strict = { max: 1, windowSeconds: 60 };
    const [a1, b1, a2, b2, c1] = await Promise.all([
      hitRateLimit(ctx.db, 'email:a', rule),
      hitRateLimit(ctx.db, 'email:b', strict),
      hitRateLimit(ctx.db, 'email:a', rule),
      hitRateLimit(ctx.db, 'email:b', strict),
      hitRateLimit(ctx.db, 'email:c', strict),
    ]);
    expect([a1?.allowed, a2?.allowed]).toEqual([true, true]);
    expect([b1?.allowed, b2?.allowed, c1?.allowed]).toEqual([true, false, true]);
    expect(b2?.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await hitRateLimit(ctx.db, 'email:a', rule)).allowed).toBe(true);
    expect((await hitRateLimit(ctx.db, 'email:a', rule)).allowed).toBe(false);
  });

  it('starts a new window once the old one has ended', async () => {
    const hourAgo = new Date(Date.now() - 3_601_000);
    await Promise.all([1, 2, 3, 4].map(() => hitRateLimit(ctx.db, 'ip:old', rule, hourAgo)));
    const now = await Promise.all([1, 2, 3, 4].map(() => hitRateLimit(ctx.db, 'ip:old', rule)));
    expect(now.map((v) => v.allowed)).toEqual([true, true, true, false]);
  });
});
