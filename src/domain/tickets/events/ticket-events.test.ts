import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { createTicket, withDefaultConfiguration } from '../../../../test/factories.ts';
import { waitFor } from '../../../../test/wait-for.ts';
import type { NewTicketEvent } from '../../../shared/ticket-events.ts';
import { readTicketEvents } from './read-events.ts';
import { recordTicketEvent, recordTicketEvents } from './record-events.ts';

/**
 * Events of transactions that have ended, once there are `count` of them: on a server,
 * any transaction still running in the cluster (another test's) holds later rows back.
 */
async function eventsOf(
  db: Parameters<typeof readTicketEvents>[0],
  options: { afterId: number; ticketId: number },
  count: number,
) {
  return waitFor(async () => {
    const events = await readTicketEvents(db, options);
    return events.length >= count ? events : undefined;
  }, `${count} ticket events`);
}

describeEachBackend('ticket events', (ctx) => {
  it('records events in order with their actor, and reads them after an id', async () => {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const mailboxId = mailboxes.partenaires as string;
    const ticketId = await createTicket(ctx.db, { mailboxId, createdAt: new Date() });
    const before = 0;
    const user = await ctx.db.selectFrom('users').select('id').executeTakeFirst();
    await ctx.db.transaction().execute(async (trx) => {
      await recordTicketEvents(trx, { kind: 'system' }, [
        {
          type: 'ticket.status_changed',
          ticketId,
          mailboxId,
          data: { from: 'active', to: 'closed' },
        },
        { type: 'ticket.tag_added', ticketId, mailboxId, data: { tagId: crypto.randomUUID() } },
      ]);
      await recordTicketEvent(
        trx,
        { kind: 'rule', ruleId: crypto.randomUUID() },
        {
          type: 'ticket.assignee_changed',
          ticketId,
          mailboxId,
          data: { from: null, to: user?.id ?? crypto.randomUUID() },
        },
      );
    });
    const events = await eventsOf(ctx.db, { afterId: before, ticketId }, 3);
    expect(events.map((e) => e.type)).toEqual([
      'ticket.status_changed',
      'ticket.tag_added',
      'ticket.assignee_changed',
    ]);
    expect(events[0]?.actor).toEqual({ kind: 'system' });
    expect(events[2]?.actor.kind).toBe('rule');
    expect(events[0]?.data).toEqual({ from: 'active', to: 'closed' });
    const ids = events.map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const after = await eventsOf(ctx.db, { afterId: ids[0] ?? 0, ticketId }, 2);
    expect(after.map((e) => e.id)).toEqual(ids.slice(1));
  });

  it('refuses data outside the contract, and rows are never changed', async () => {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const mailboxId = mailboxes.partenaires as string;
    const ticketId = await createTicket(ctx.db, { mailboxId, createdAt: new Date() });
    await expect(
      recordTicketEvent(
        ctx.db,
        { kind: 'system' },
        // A status outside the contract.
        {
          type: 'ticket.status_changed',
          ticketId,
          mailboxId,
          data: { from: 'active', to: 'archived' },
        } as unknown as NewTicketEvent,
      ),
    ).rejects.toThrow();
    await recordTicketEvent(
      ctx.db,
      { kind: 'system' },
      {
        type: 'ticket.deleted',
        ticketId,
        mailboxId,
        data: {},
      },
    );
    await expect(
      ctx.db
        .updateTable('ticket_events')
        .set({ type: 'x' })
        .where('ticket_id', '=', ticketId)
        .execute(),
    ).rejects.toThrow(/append-only/);
  });
  it.runIf(ctx.backend === 'postgres')(
    'hands out a row of a slow transaction before any row committed after it',
    async () => {
      const mailboxes = await withDefaultConfiguration(ctx.db);
      const mailboxId = mailboxes.partenaires as string;
      const ticketId = await createTicket(ctx.db, { mailboxId, createdAt: new Date() });
      const start = 0;
      // A connection of its own holds a transaction that took the smaller id.
      await ctx.db.connection().execute(async (slow) => {
        await sql`begin`.execute(slow);
        await sql`insert into ticket_events (ticket_id, mailbox_id, type, actor_kind, data)
          values (${ticketId}, ${mailboxId}, 'ticket.subject_changed', 'system', '{}')`.execute(
          slow,
        );
        await recordTicketEvent(
          ctx.db,
          { kind: 'system' },
          {
            type: 'ticket.deleted',
            ticketId,
            mailboxId,
            data: {},
          },
        );
        // The later row is committed, but the earlier id still runs: neither is handed out.
        expect(await readTicketEvents(ctx.db, { afterId: start, ticketId })).toEqual([]);
        await sql`commit`.execute(slow);
      });
      const events = await eventsOf(ctx.db, { afterId: start, ticketId }, 2);
      expect(events.map((e) => e.type)).toEqual(['ticket.subject_changed', 'ticket.deleted']);
    },
  );
});
