import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { recordFailure, retryAfterSeconds, throttlePolicy } from './login-throttle.ts';

describeEachBackend('login throttle', (ctx) => {
  it('counts concurrent failures without losing any, then blocks', async () => {
    const key = 'account:concurrent@example.org';
    await Promise.all(Array.from({ length: 12 }, () => recordFailure(ctx.db, [key])));
    const row = await ctx.db
      .selectFrom('login_throttle')
      .select('failures')
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(12);
    expect(await retryAfterSeconds(ctx.db, [key])).toBeGreaterThan(0);
  });

  it('starts a new window once the old one is over', async () => {
    const key = 'account:later@example.org';
    const longAgo = new Date(Date.now() - 2 * throttlePolicy.windowMs);
    for (let i = 0; i < 3; i++) await recordFailure(ctx.db, [key], longAgo);
    await recordFailure(ctx.db, [key]);
    const row = await ctx.db
      .selectFrom('login_throttle')
      .select(['failures', 'blocked_until'])
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failures: 1, blocked_until: null });
  });
});
