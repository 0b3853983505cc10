import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { makeUser } from '../../../test/http.ts';
import { purgeStaleThrottles, recordFailure } from './login-throttle.ts';
import { createSession, purgeExpiredSessions } from './sessions.ts';

describeEachBackend('session housekeeping', (ctx) => {
  it('drops expired sessions and finished throttle counters, and keeps live ones', async () => {
    const { user } = await makeUser(ctx.database, 'agent');
    const policy = { idleMinutes: 60, maxHours: 24 };
    const meta = { ip: '127.0.0.1', userAgent: null };
    await createSession(ctx.db, user.id, policy, meta);
    await createSession(ctx.db, user.id, policy, meta);
    await ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where(
        'id',
        '=',
        (await ctx.db.selectFrom('sessions').select('id').limit(1).executeTakeFirstOrThrow()).id,
      )
      .execute();
    expect(await purgeExpiredSessions(ctx.db)).toBe(1);
    expect((await ctx.db.selectFrom('sessions').select('id').execute()).length).toBe(1);

    const hourAgo = new Date(Date.now() - 3_600_000);
    await recordFailure(ctx.db, ['account:old@example.org'], hourAgo);
    await recordFailure(ctx.db, ['account:fresh@example.org']);
    expect(await purgeStaleThrottles(ctx.db)).toBe(1);
    const left = await ctx.db.selectFrom('login_throttle').select('key').execute();
    expect(left.map((r) => r.key)).toEqual(['account:fresh@example.org']);
  });
});
