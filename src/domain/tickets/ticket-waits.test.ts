/**
 * Snooze and follow-up (issue 18 §2) on both backends, with two job runners
 * on one database and a clock the test moves: a snooze ends once when its
 * time comes (or earlier when the customer answers), a follow-up sends its
 * saved reply through the outbox once, or closes the ticket once; each is a
 * ticket event and a line of the ticket's history.
 */
import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { signer } from '../../../test/mail.ts';
import { supervisor } from '../../../test/support/targets.ts';
import { customerAnswers, customerTicket, twoInstances } from '../../../test/support/waits.ts';
import { AppError } from '../../errors/app-error.ts';
import { setFollowUp, snoozeTicket } from './ticket-waits.ts';
import { ticketWaitsJob } from './ticket-waits-job.ts';

describeEachBackend('snooze and follow-up', (ctx) => {
  const stops: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  const eventsOf = async (ticketId: number, prefix: string) =>
    (
      await ctx.db
        .selectFrom('ticket_events')
        .select(['type', 'data'])
        .where('ticket_id', '=', ticketId)
        .where('type', 'like', `${prefix}%`)
        .orderBy('id')
        .execute()
    ).map((e) => ({ type: e.type, data: e.data }));
  const ticketOf = (id: number) =>
    ctx.db
      .selectFrom('tickets')
      .select(['status', 'snoozed_until', 'follow_up_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const historyOf = async (id: number) =>
    (
      await ctx.db
        .selectFrom('messages')
        .select('event_type')
        .where('ticket_id', '=', id)
        .where('kind', '=', 'event')
        .orderBy('id')
        .execute()
    ).map((m) => m.event_type);

  /** Two instances of the job on a clock the test moves. */
  const startInstances = (clock: { now: Date }) => {
    const instances = twoInstances(ctx.db, (onPass) =>
      ticketWaitsJob({ db: ctx.db, signer, now: () => clock.now, everyMs: 20, onPass }),
    );
    stops.push(instances.stop);
    return instances;
  };

  it('a snooze ends by itself once at its time, with two instances', async () => {
    const agent = await supervisor(ctx.db);
    const opened = new Date('2026-04-06T08:00:00Z');
    const id = await customerTicket(ctx.db, opened);
    const until = new Date('2026-04-08T07:00:00Z');
    await snoozeTicket(ctx.db, id, until, agent, new Date('2026-04-06T09:00:00Z'));
    expect(await ticketOf(id)).toMatchObject({ status: 'pending' });
    const clock = { now: new Date('2026-04-07T12:00:00Z') };
    const instances = startInstances(clock);
    await instances.passes(3);
    expect((await ticketOf(id)).status).toBe('pending');
    clock.now = new Date('2026-04-08T07:00:01Z');
    await instances.passes(3);
    expect(await ticketOf(id)).toMatchObject({ status: 'active', snoozed_until: null });
    expect(await eventsOf(id, 'ticket.snooze')).toEqual([
      { type: 'ticket.snoozed', data: { until: until.toISOString() } },
      { type: 'ticket.snooze_ended', data: { reason: 'time' } },
    ]);
    const statuses = await eventsOf(id, 'ticket.status_changed');
    expect(statuses.map((e) => e.data)).toEqual([
      { from: 'active', to: 'pending', reason: 'snooze' },
      { from: 'pending', to: 'active', reason: 'snooze' },
    ]);
    expect(await historyOf(id)).toEqual(['snoozed', 'snooze_ended']);
  });

  it('the customer’s answer ends a snooze and cancels a follow-up at once', async () => {
    const agent = await supervisor(ctx.db);
    const id = await customerTicket(ctx.db, new Date('2026-04-06T08:00:00Z'));
    const now = new Date('2026-04-06T09:00:00Z');
    await snoozeTicket(ctx.db, id, new Date('2026-04-10T08:00:00Z'), agent, now);
    await setFollowUp(ctx.db, id, { days: 7, action: 'close', savedReplyId: null }, agent, now);
    await customerAnswers(ctx.db, id, new Date('2026-04-07T10:00:00Z'));
    expect(await ticketOf(id)).toMatchObject({
      status: 'active',
      snoozed_until: null,
      follow_up_at: null,
    });
    expect((await eventsOf(id, 'ticket.snooze_ended'))[0]?.data).toEqual({
      reason: 'customer_reply',
    });
    expect(await eventsOf(id, 'ticket.follow_up_cancelled')).toEqual([
      { type: 'ticket.follow_up_cancelled', data: { reason: 'customer_reply' } },
    ]);
    // nothing fires later
    const clock = { now: new Date('2026-05-01T00:00:00Z') };
    await startInstances(clock).passes(3);
    expect(await eventsOf(id, 'ticket.follow_up_fired')).toEqual([]);
    expect((await ticketOf(id)).status).toBe('active');
  });

  it('a reminder is sent once through the outbox, with two instances', async () => {
    const agent = await supervisor(ctx.db);
    const id = await customerTicket(ctx.db, new Date('2026-04-06T08:00:00Z'));
    const reply = await ctx.db
      .insertInto('saved_replies')
      .values({
        mailbox_id: null,
        name: 'Relance',
        body: 'Bonjour {{contact.firstName}}, avez-vous pu avancer sur le ticket {{ticket.number}} ?',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const set = new Date('2026-04-06T09:00:00Z');
    await setFollowUp(
      ctx.db,
      id,
      { days: 7, action: 'remind', savedReplyId: reply.id },
      agent,
      set,
    );
    const clock = { now: new Date('2026-04-13T08:59:00Z') };
    const instances = startInstances(clock);
    await instances.passes(3);
    expect(await eventsOf(id, 'ticket.follow_up_fired')).toEqual([]);
    clock.now = new Date('2026-04-13T09:00:01Z');
    await instances.passes(3);
    const fired = await eventsOf(id, 'ticket.follow_up_fired');
    expect(fired).toHaveLength(1);
    expect(fired[0]?.data).toMatchObject({ action: 'remind', done: true });
    const replies = await ctx.db
      .selectFrom('messages')
      .select(['body_text', 'author_user_id'])
      .where('ticket_id', '=', id)
      .where('kind', '=', 'reply')
      .execute();
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body_text).toMatch(
      /^Bonjour Camille, avez-vous pu avancer sur le ticket \d+ \?$/,
    );
    expect(replies[0]?.author_user_id).toBe(agent.userId);
    const outbox = await ctx.db
      .selectFrom('outbox')
      .select('kind')
      .where('ticket_id', '=', id)
      .where('kind', '=', 'reply')
      .execute();
    expect(outbox).toHaveLength(1);
    expect(await ticketOf(id)).toMatchObject({ status: 'pending', follow_up_at: null });
    expect(await historyOf(id)).toEqual(['follow_up_set', 'follow_up_fired']);
  });

  it('a follow-up closes the ticket once; agents may remove it; bad input is refused', async () => {
    const agent = await supervisor(ctx.db);
    const id = await customerTicket(ctx.db, new Date('2026-04-06T08:00:00Z'));
    const set = new Date('2026-04-06T09:00:00Z');
    await setFollowUp(ctx.db, id, { days: 3, action: 'close', savedReplyId: null }, agent, set);
    const clock = { now: new Date('2026-04-09T09:00:01Z') };
    await startInstances(clock).passes(3);
    expect((await ticketOf(id)).status).toBe('closed');
    expect(await eventsOf(id, 'ticket.follow_up_fired')).toEqual([
      { type: 'ticket.follow_up_fired', data: { action: 'close', messageId: null, done: true } },
    ]);
    const other = await customerTicket(ctx.db, new Date('2026-04-06T08:00:00Z'));
    // Due after the clock of the instances still running (a follow-up due by then would
    // fire between its setting and its removal: a race the test had under load).
    await setFollowUp(ctx.db, other, { days: 30, action: 'close', savedReplyId: null }, agent, set);
    await setFollowUp(ctx.db, other, null, agent, set);
    expect((await ticketOf(other)).follow_up_at).toBeNull();
    expect((await eventsOf(other, 'ticket.follow_up_cancelled'))[0]?.data).toEqual({
      reason: 'agent',
    });
    // a snooze in the past, a saved reply that does not exist, a closed ticket
    await expect(
      snoozeTicket(ctx.db, other, new Date('2026-01-01T00:00:00Z'), agent, set),
    ).rejects.toThrow(AppError);
    await expect(
      setFollowUp(
        ctx.db,
        other,
        { days: 2, action: 'remind', savedReplyId: '00000000-0000-4000-8000-000000000000' },
        agent,
        set,
      ),
    ).rejects.toThrow(/savedReplyId/);
    await expect(
      snoozeTicket(ctx.db, id, new Date('2026-05-01T00:00:00Z'), agent, set),
    ).rejects.toThrow(/open ticket/);
  });
});
