/**
 * The live stream is fed by ticket events (migration 0018): a status change
 * reaches subscribers as a `ticket` event, a new reply as a `message` event,
 * with the same ids and shape as before; presence stays as it was.
 */
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { createTicket } from '../../../../test/factories.ts';
import { mailMailbox, signer } from '../../../../test/mail.ts';
import { waitFor } from '../../../../test/wait-for.ts';
import type { DB } from '../../../db/schema.ts';
import type { LiveEventDto } from '../../../shared/workspace-contracts.ts';
import { changeTicket } from '../change-ticket.ts';
import { replyToTicket } from '../reply-to-ticket.ts';
import { createLiveHub } from './live-events.ts';

async function agentId(db: Kysely<DB>): Promise<string> {
  const user = await db
    .insertInto('users')
    .values({ email: `live-${Date.now()}@example.org`, name: 'Agent', role: 'agent' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return user.id;
}

describeEachBackend('live stream from ticket events', (ctx) => {
  it('delivers a status change and a new reply to a subscriber who sees the mailbox', async () => {
    const { mailboxId } = await mailMailbox(ctx.db);
    const userId = await agentId(ctx.db);
    const ticketId = await createTicket(ctx.db, { mailboxId, createdAt: new Date() });
    const contact = await ctx.db
      .insertInto('contacts')
      .values({ email: `live-${Date.now()}@example.org` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('tickets')
      .set({ contact_id: contact.id })
      .where('id', '=', ticketId)
      .execute();

    const hub = createLiveHub(ctx.db, { intervalMs: 20 });
    const seen: LiveEventDto[] = [];
    const hidden: LiveEventDto[] = [];
    const stop = await hub.subscribe('all', (event) => seen.push(event));
    const stopHidden = await hub.subscribe([crypto.randomUUID()], (event) => hidden.push(event));
    try {
      await changeTicket(ctx.db, ticketId, { status: 'pending' }, { userId, label: null });
      await waitFor(
        () => seen.find((e) => e.ticketId === ticketId && e.kind === 'ticket'),
        'the status change on the live stream',
      );
      await replyToTicket(ctx.db, signer, { ticketId, authorUserId: userId, body: 'Bonjour.' });
      await waitFor(
        () => seen.find((e) => e.ticketId === ticketId && e.kind === 'message'),
        'the reply on the live stream',
      );
      const mine = seen.filter((e) => e.ticketId === ticketId);
      // the status change; the reply and its first response, committed together (the reply
      // leaves the status pending: no status change)
      expect(mine.map((e) => ({ kind: e.kind, mailboxId: e.mailboxId }))).toEqual([
        { kind: 'ticket', mailboxId },
        { kind: 'message', mailboxId },
        { kind: 'ticket', mailboxId },
      ]);
      expect(hidden.filter((e) => e.ticketId === ticketId)).toEqual([]);
    } finally {
      stop();
      stopHidden();
      hub.close();
    }
  });
});
