/**
 * The shared answers of the inbox (src/domain/inbox/inbox-cache.ts): kept
 * while nothing changes, computed once for concurrent callers, dropped by a newer
 * change event (read at most every `freshMs`, or at once when the browser has seen
 * a newer one), by a change made through the app, and by the live hub's events;
 * never shared across users who see different mailboxes.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { ticket, useWorkspaceTestApp } from '../../../../test/support/workspace-app.ts';
import { waitFor } from '../../../../test/wait-for.ts';
import { createInboxCache } from '../../../domain/inbox/inbox-cache.ts';
import { createLiveHub, lastLiveEventId } from '../../../domain/tickets/events/live-events.ts';
import { liveSeenHeader } from '../../../shared/workspace-contracts.ts';

describeEachBackend('inbox cache', (ctx) => {
  // answers are never refreshed by time here: only events, headers and changes drop them
  const workspace = useWorkspaceTestApp(ctx, { inboxCache: { freshMs: 3_600_000 } });
  const { call, ids } = workspace;

  const listed = async (as: string, url: string, headers: Record<string, string> = {}) =>
    ((await call(as, 'GET', url, undefined, headers)).json().tickets as { id: number }[]).map(
      (t) => t.id,
    );

  it('keeps an answer until the browser has seen a newer event, or a change is made here', async () => {
    const url = `/api/inbox?folder=unassigned&mailbox=${workspace.applicants}`;
    const first = await ticket(ctx.db, { mailboxId: workspace.applicants });
    expect(await listed('agent', url)).toContain(first.id);

    // written by another writer (mail, another instance): the kept answer is served...
    const second = await ticket(ctx.db, { mailboxId: workspace.applicants });
    expect(await listed('agent', url)).not.toContain(second.id);
    const counts = (
      await call('agent', 'GET', `/api/inbox/counts?mailbox=${workspace.applicants}`)
    ).json();
    // ...until a request carries the event the live stream announced
    const seen = { [liveSeenHeader]: String(await lastLiveEventId(ctx.db)) };
    expect(await listed('agent', url, seen)).toContain(second.id);
    const third = await ticket(ctx.db, { mailboxId: workspace.applicants });
    const recount = async () =>
      (
        await call('agent', 'GET', `/api/inbox/counts?mailbox=${workspace.applicants}`, undefined, {
          [liveSeenHeader]: String(await lastLiveEventId(ctx.db)),
        })
      ).json();
    expect((await recount()).unassigned).toBe(counts.unassigned + 1);

    // a change made through the app drops every answer at once
    const assigned = await call('agent', 'PATCH', `/api/tickets/${third.id}`, {
      assigneeId: ids.agent,
    });
    expect(assigned.statusCode).toBe(200);
    expect(await listed('agent', url)).not.toContain(third.id);
    expect(
      await listed('agent', `/api/inbox?folder=mine&mailbox=${workspace.applicants}`),
    ).toContain(third.id);
    // a malformed header is ignored
    expect(await listed('agent', url, { [liveSeenHeader]: '1e9; drop' })).toContain(first.id);
  });

  it('never shares an answer between users who see different mailboxes', async () => {
    const partnersTicket = await ticket(ctx.db, { mailboxId: workspace.partners });
    await ticket(ctx.db, { mailboxId: workspace.applicants });
    const url = '/api/inbox?folder=all';
    expect(await listed('supervisor', url)).toContain(partnersTicket.id);
    const restricted = await listed('restricted', url);
    expect(restricted).not.toContain(partnersTicket.id);
    expect(restricted.length).toBeGreaterThan(0);
    const counts = (await call('restricted', 'GET', '/api/inbox/counts')).json();
    const all = (await call('supervisor', 'GET', '/api/inbox/counts')).json();
    expect(counts.unassigned).toBeLessThan(all.unassigned);
  });

  it('computes once for concurrent callers, reads the newest change at most every freshMs, drops answers on events', async () => {
    let clock = 0;
    const cache = createInboxCache(ctx.db, { freshMs: 1000, maxAgeMs: 10_000 }, () => clock);
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return `answer ${computed}`;
    };
    const answers = await Promise.all([1, 2, 3].map(() => cache.get('k', compute)));
    expect(answers).toEqual(['answer 1', 'answer 1', 'answer 1']);

    await ticket(ctx.db, { mailboxId: workspace.partners });
    clock = 500; // the newest change was read 500 ms ago: kept
    expect(await cache.get('k', compute)).toBe('answer 1');
    clock = 1500; // read again: a newer change, computed again
    expect(await cache.get('k', compute)).toBe('answer 2');

    // presence beats are not changes
    await sql`insert into live_events (mailbox_id, ticket_id, kind) values (${workspace.partners}, null, 'presence')`.execute(
      ctx.db,
    );
    clock = 3000;
    expect(await cache.get('k', compute)).toBe('answer 2');

    // the hub's events, as it reads them
    cache.observe((await lastLiveEventId(ctx.db)) + 1);
    expect(await cache.get('k', compute)).toBe('answer 3');
    cache.invalidate();
    expect(await cache.get('k', compute)).toBe('answer 4');
    clock = 20_000; // older than maxAgeMs
    expect(await cache.get('k', compute)).toBe('answer 5');

    // a failed computation is not kept
    await expect(cache.get('x', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('x', async () => 'up')).toBe('up');
  });

  it('the live hub tells the newest change it reads, not presence', async () => {
    const observed: number[] = [];
    const hub = createLiveHub(ctx.db, { intervalMs: 20, observe: (id) => observed.push(id) });
    const stop = await hub.subscribe('all', () => {});
    await sql`insert into live_events (mailbox_id, ticket_id, kind) values (${workspace.partners}, null, 'presence')`.execute(
      ctx.db,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(observed).toEqual([]);
    await ticket(ctx.db, { mailboxId: workspace.partners });
    const newest = await lastLiveEventId(ctx.db);
    await waitFor(() => (observed.includes(newest) ? true : undefined), 'the hub to observe', 5000);
    stop();
    hub.close();
  });
});
