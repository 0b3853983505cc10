/**
 * Escalation (issue 18), on both backends, with two job runners on one
 * database and a clock the test moves: the assignee's warning before the due
 * time and the supervisors' escalation when it is missed each happen once, as
 * a ticket event and a line of the ticket's history.
 */
import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { freshMailbox, openAt, supervisor, terms } from '../../../test/support/targets.ts';
import { createJobRunner, type JobRunner } from '../../jobs/runner/runner.ts';
import { changeTicket } from '../tickets/change-ticket.ts';
import { escalationJob } from './escalation-job.ts';
import { createTarget } from './manage-targets.ts';

describeEachBackend('escalation of due times', (ctx) => {
  const started: JobRunner[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((r) => r.stop()));
  });

  const eventsOf = async (ticketId: number) =>
    (
      await ctx.db
        .selectFrom('ticket_events')
        .select(['type', 'data', 'at'])
        .where('ticket_id', '=', ticketId)
        .where('type', 'in', ['ticket.target_warning', 'ticket.target_missed'])
        .orderBy('id')
        .execute()
    ).map((e) => ({ type: e.type, data: e.data }));

  it('warns the assignee, then escalates to the supervisors, once with two instances', async () => {
    const mailboxId = await freshMailbox(ctx.db);
    const sup = await supervisor(ctx.db);
    const opened = new Date('2026-03-02T10:00:00Z');
    await createTarget(
      ctx.db,
      {
        mailboxId,
        fieldValueId: null,
        organisationTypeValueId: null,
        terms: terms({ firstResponseMinutes: 60, warnBeforeMinutes: 15 }),
      },
      sup,
      new Date('2026-01-01T00:00:00Z'),
    );
    const ticketId = await openAt(ctx.db, mailboxId, opened);
    await changeTicket(ctx.db, ticketId, { assigneeId: sup.userId }, sup);
    let clock = new Date('2026-03-02T10:40:00Z'); // 20 min left, outside the margin
    const passes = { a: 0, b: 0 };
    const runner = (name: 'a' | 'b') => {
      const created = createJobRunner({
        db: ctx.db,
        owner: `escalation-${name}`,
        lookMs: 20,
        jobs: [
          escalationJob({
            db: ctx.db,
            now: () => clock,
            everyMs: 20,
            onPass: () => {
              passes[name] += 1;
            },
          }),
        ],
      });
      created.start();
      started.push(created);
    };
    runner('a');
    runner('b');
    /** Waits until both runners have made `n` more passes with the clock as it is. */
    const passesMore = async (n: number) => {
      const from = { ...passes };
      await expect
        .poll(() => Math.min(passes.a - from.a, passes.b - from.b), {
          timeout: 30_000,
          interval: 20,
        })
        .toBeGreaterThanOrEqual(n);
    };
    await passesMore(3);
    expect(await eventsOf(ticketId)).toEqual([]);
    clock = new Date('2026-03-02T10:50:00Z'); // 10 min left: the margin
    await passesMore(3);
    const dueAt = '2026-03-02T11:00:00.000Z';
    expect(await eventsOf(ticketId)).toEqual([
      {
        type: 'ticket.target_warning',
        data: { kind: 'first_response', dueAt, userIds: [sup.userId] },
      },
    ]);
    clock = new Date('2026-03-02T11:05:00Z'); // missed
    await passesMore(3);
    const events = await eventsOf(ticketId);
    expect(events).toHaveLength(2);
    expect(events[1]?.type).toBe('ticket.target_missed');
    expect((events[1]?.data as { userIds?: string[] } | undefined)?.userIds).toContain(sup.userId);
    // both appear in the ticket's history
    const history = await ctx.db
      .selectFrom('messages')
      .select(['event_type', 'event_data'])
      .where('ticket_id', '=', ticketId)
      .where('kind', '=', 'event')
      .where('event_type', 'like', 'target_%')
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.event_type)).toEqual(['target_warning', 'target_missed']);
    expect(history[0]?.event_data).toEqual({ kind: 'first_response', dueAt });
  });
});
