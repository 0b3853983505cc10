/**
 * Notifications (issue 18 §4) on both backends: the consumer of the ticket
 * event stream tells each colleague what the table of consume-events.ts
 * says, once even with two instances and concurrent passes; the choices of
 * each user hold; e-mail is queued at once or as a digest after N minutes and
 * composed with the ticket's link; the escalation's warning reaches the
 * assignee by e-mail once.
 */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { signer } from '../../../test/mail.ts';
import { freshMailbox, openAt, supervisor, terms } from '../../../test/support/targets.ts';
import { customerAnswers, twoInstances } from '../../../test/support/waits.ts';
import { composeMail } from '../../mail/outbound/compose-mail.ts';
import { escalateDueTimes } from '../targets/escalate.ts';
import { createTarget } from '../targets/manage-targets.ts';
import { addNote } from '../tickets/add-note.ts';
import { changeTicket } from '../tickets/change-ticket.ts';
import { consumeTicketEvents } from './consume-events.ts';
import { listNotifications, markNotificationsRead } from './list-notifications.ts';
import { notificationsJob } from './notify-job.ts';
import { savePreferences } from './preferences.ts';
import { queueNotificationMail } from './queue-mail.ts';

describeEachBackend('notifications', (ctx) => {
  const stops: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });
  // start from now: what earlier suites left is not this suite's
  beforeAll(async () => {
    while ((await consumeTicketEvents(ctx.db)).more);
    await ctx.db.updateTable('notifications').set({ mail: 'none' }).execute();
  });

  /** An agent who sees only `mailboxId` (and whose choices are the defaults). */
  const agentOf = async (mailboxId: string, name: string) => {
    const user = await ctx.db
      .insertInto('users')
      .values({
        email: `${name.toLowerCase()}-${Date.now()}-${Math.floor(Math.random() * 1e9)}@example.org`,
        name,
        role: 'agent',
        all_mailboxes: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('user_mailboxes')
      .values({ user_id: user.id, mailbox_id: mailboxId })
      .execute();
    return { userId: user.id, label: null };
  };
  const kindsOf = async (userId: string) =>
    (
      await ctx.db
        .selectFrom('notifications')
        .select(['kind', 'ticket_id'])
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute()
    ).map((n) => n.kind);

  it('tells each colleague once what concerns them, with two instances', async () => {
    const mailboxId = await freshMailbox(ctx.db);
    const elsewhere = await freshMailbox(ctx.db);
    const alice = await agentOf(mailboxId, 'Alice');
    const bruno = await agentOf(mailboxId, 'Bruno');
    const outsider = await agentOf(elsewhere, 'Outsider');
    const instances = twoInstances(ctx.db, (onPass) =>
      notificationsJob({ db: ctx.db, everyMs: 20, onPass }),
    );
    stops.push(instances.stop);
    const at = new Date();
    const ticketId = await openAt(ctx.db, mailboxId, at);
    await changeTicket(ctx.db, ticketId, { assigneeId: alice.userId }, bruno);
    await customerAnswers(ctx.db, ticketId, new Date(at.getTime() + 60_000));
    await addNote(ctx.db, {
      ticketId,
      authorUserId: alice.userId,
      body: '@Bruno peux-tu regarder ?',
      mentions: [bruno.userId],
    });
    // and concurrent passes besides the runners
    await Promise.all([consumeTicketEvents(ctx.db), consumeTicketEvents(ctx.db)]);
    // (on a shared server, events wait while any older transaction runs: read-events.ts)
    await expect
      .poll(() => kindsOf(alice.userId), { timeout: 30_000 })
      .toEqual(['new_ticket', 'assigned', 'customer_reply']);
    await expect.poll(() => kindsOf(bruno.userId)).toEqual(['new_ticket', 'mention']);
    await instances.passes(3);
    expect(await kindsOf(alice.userId)).toEqual(['new_ticket', 'assigned', 'customer_reply']);
    expect(await kindsOf(bruno.userId)).toEqual(['new_ticket', 'mention']);
    expect(await kindsOf(outsider.userId)).toEqual([]);
    // the bell: newest first, the unread count, the author of a mention; read marks
    const list = await listNotifications(ctx.db, { id: bruno.userId }, [mailboxId], { limit: 10 });
    expect(list.unread).toBe(2);
    expect(list.rows[0]).toMatchObject({ kind: 'mention', actor_name: 'Alice' });
    expect(
      await markNotificationsRead(ctx.db, alice.userId, { ids: [Number(list.rows[0]?.id)] }),
    ).toBe(0);
    expect(await markNotificationsRead(ctx.db, bruno.userId, { all: true })).toBe(2);
    expect(
      (await listNotifications(ctx.db, { id: bruno.userId }, [mailboxId], { limit: 10 })).unread,
    ).toBe(0);
    // each notification shown in the app is a live event of its user only
    const live = await ctx.db
      .selectFrom('live_events')
      .select('user_id')
      .where('kind', '=', 'notification')
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(live.map((l) => l.user_id).sort()).toEqual(
      [alice.userId, alice.userId, alice.userId, bruno.userId, bruno.userId].sort(),
    );
  });

  it('keeps each user’s choices: kinds off, by e-mail at once or as a digest', async () => {
    const mailboxId = await freshMailbox(ctx.db);
    const quiet = await agentOf(mailboxId, 'Quiet');
    const digest = await agentOf(mailboxId, 'Digest');
    const prompt = await agentOf(mailboxId, 'Prompt');
    await savePreferences(ctx.db, quiet.userId, {
      appKinds: ['mention'],
      mailKinds: [],
      mailMode: 'immediate',
      digestMinutes: 30,
      desktop: false,
    });
    const all = ['new_ticket', 'assigned', 'customer_reply', 'mention', 'target'] as const;
    await savePreferences(ctx.db, digest.userId, {
      appKinds: [...all],
      mailKinds: ['new_ticket'],
      mailMode: 'digest',
      digestMinutes: 15,
      desktop: true,
    });
    await savePreferences(ctx.db, prompt.userId, {
      appKinds: [],
      mailKinds: ['new_ticket'],
      mailMode: 'immediate',
      digestMinutes: 30,
      desktop: true,
    });
    const at = new Date();
    await openAt(ctx.db, mailboxId, at);
    await openAt(ctx.db, mailboxId, at);
    await expect
      .poll(
        async () => {
          await consumeTicketEvents(ctx.db);
          return kindsOf(digest.userId);
        },
        { timeout: 30_000 },
      )
      .toEqual(['new_ticket', 'new_ticket']);
    expect(await kindsOf(quiet.userId)).toEqual([]);
    // by e-mail only: not in the bell
    expect(
      (await listNotifications(ctx.db, { id: prompt.userId }, 'all', { limit: 10 })).rows,
    ).toEqual([]);
    const outboxOf = (userId: string) =>
      ctx.db
        .selectFrom('outbox')
        .selectAll()
        .where('notify_user_id', '=', userId)
        .orderBy('id')
        .execute();
    await Promise.all([queueNotificationMail(ctx.db, at), queueNotificationMail(ctx.db, at)]);
    expect(await outboxOf(prompt.userId)).toHaveLength(2);
    expect(await outboxOf(digest.userId)).toHaveLength(0);
    await queueNotificationMail(ctx.db, new Date(at.getTime() + 14 * 60_000));
    expect(await outboxOf(digest.userId)).toHaveLength(0);
    await queueNotificationMail(ctx.db, new Date(at.getTime() + 16 * 60_000));
    await queueNotificationMail(ctx.db, new Date(at.getTime() + 17 * 60_000));
    const digestRows = await outboxOf(digest.userId);
    expect(digestRows).toHaveLength(1);
    const row = digestRows[0];
    if (!row) throw new Error('no digest');
    const mail = await composeMail(
      { db: ctx.db, signer, publicUrl: new URL('https://guichet.example.org') },
      row,
    );
    const text = mail.raw.toString('utf8');
    expect(text).toMatch(/Subject: Guichet : 2 notifications/);
    expect(text).toMatch(/https:\/\/guichet\.example\.org\/tickets\/\d+/);
    expect(text).toContain('Auto-Submitted: auto-generated');
  });

  it('the escalation’s warning reaches the assignee by e-mail, once', async () => {
    const mailboxId = await freshMailbox(ctx.db);
    const sup = await supervisor(ctx.db);
    const alice = await agentOf(mailboxId, 'Alice');
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
    const ticketId = await openAt(ctx.db, mailboxId, new Date('2026-03-02T10:00:00Z'));
    await changeTicket(ctx.db, ticketId, { assigneeId: alice.userId }, sup);
    await escalateDueTimes(ctx.db, new Date('2026-03-02T10:50:00Z'));
    const instances = twoInstances(ctx.db, (onPass) =>
      notificationsJob({ db: ctx.db, everyMs: 20, onPass }),
    );
    stops.push(instances.stop);
    const mailsOf = () =>
      ctx.db.selectFrom('outbox').selectAll().where('notify_user_id', '=', alice.userId).execute();
    await expect.poll(async () => (await mailsOf()).length, { timeout: 30_000 }).toBe(1);
    await instances.passes(3);
    const mails = await mailsOf();
    // `assigned` is not by e-mail by default; `target` is
    expect(mails).toHaveLength(1);
    const mail = await composeMail(
      { db: ctx.db, signer, publicUrl: new URL('https://guichet.example.org') },
      mails[0] as (typeof mails)[number],
    );
    expect(mail.raw.toString('utf8')).toMatch(
      /Objectif de r=C3=A9ponse bient=C3=B4t|Objectif de réponse bientôt/,
    );
  });
});
