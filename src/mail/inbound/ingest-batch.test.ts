/**
 * The batch path (issue 22) writes what the one-mail path writes: a batch with
 * a reply to a mail of the same batch, a Message-ID twice, a mail already
 * stored, a robot's mail, broken MIME and attachments; tickets, threads,
 * acknowledgements (one per sender) and ticket events are checked.
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { fixture, inboundDeps, mailMailbox, plainMail, uniqueId } from '../../../test/mail.ts';
import { ingestMailBatch } from './ingest-batch.ts';
import { ingestMail } from './ingest-mail.ts';

describeEachBackend('inbound pipeline in batches', (ctx) => {
  it('stores a mixed batch in one transaction with the same rows and events as mail by mail', async () => {
    const { mailboxId } = await mailMailbox(ctx.db, { ack_enabled: true });
    const deps = await inboundDeps(ctx.db);
    const [first, reply, again, stored] = [
      uniqueId('b'),
      uniqueId('b'),
      uniqueId('b'),
      uniqueId('b'),
    ];
    const sender = `batch-${Date.now()}@bailleur-44.example.org`;
    await ingestMail(deps, {
      raw: plainMail({ from: `Ancien <old-${sender}>`, subject: 'Déjà là', messageId: stored }),
      mailboxId,
      source: 'smtp',
    });
    const raws = [
      plainMail({ from: `Camille <${sender}>`, subject: 'Accès au dossier', messageId: first }),
      plainMail({
        from: `Camille <${sender}>`,
        subject: 'RE : Accès au dossier',
        messageId: reply,
        inReplyTo: first,
      }),
      plainMail({ from: `Camille <${sender}>`, subject: 'Autre demande', messageId: again }),
      plainMail({ from: `Camille <${sender}>`, subject: 'Autre demande', messageId: again }),
      plainMail({ from: `Ancien <old-${sender}>`, subject: 'Déjà là', messageId: stored }),
      await fixture('auto-replied.eml'),
      // above the size limit: a dead letter, recorded in the batch's transaction
      Buffer.concat([
        plainMail({ from: sender, subject: 'gros', messageId: uniqueId('big') }),
        Buffer.alloc(1_100_000, 97),
      ]),
      await fixture('thunderbird-attachment.eml'),
    ];
    const outcomes = await ingestMailBatch(
      deps,
      raws.map((raw) => ({ raw, mailboxId, source: 'imap' as const })),
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      'created',
      'appended',
      'created',
      'duplicate',
      'duplicate',
      'created',
      'dead_letter',
      'created',
    ]);
    const [opened, appended, other] = outcomes;
    if (opened?.status !== 'created' || appended?.status !== 'appended')
      throw new Error('unexpected outcomes');
    // the reply threads onto the ticket opened in the same transaction
    expect(appended.ticketId).toBe(opened.ticketId);
    expect(other?.status === 'created' && other.ticketId).not.toBe(opened.ticketId);
    // one acknowledgement for the sender's two new tickets; none for the robot
    const acks = await ctx.db
      .selectFrom('outbox')
      .select('to_address')
      .where('kind', '=', 'ack')
      .where('to_address', '=', sender)
      .execute();
    expect(acks).toHaveLength(1);
    const robot = outcomes[5];
    if (robot?.status !== 'created') throw new Error('robot mail not stored');
    const robotTicket = await ctx.db
      .selectFrom('tickets')
      .select('status')
      .where('id', '=', robot.ticketId)
      .executeTakeFirstOrThrow();
    expect(robotTicket.status).toBe('spam');
    const withFile = outcomes[7];
    if (withFile?.status !== 'created') throw new Error('attachment mail not stored');
    const files = await ctx.db
      .selectFrom('attachments')
      .select('message_id')
      .where('ticket_id', '=', withFile.ticketId)
      .execute();
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.message_id === withFile.messageId)).toBe(true);
    // every ticket: ticket.opened then message.added; the reply: message.added on the first one
    const events = await ctx.db
      .selectFrom('ticket_events')
      .select(['type', 'ticket_id', 'actor_kind'])
      .where('ticket_id', 'in', [opened.ticketId, robot.ticketId, withFile.ticketId])
      .orderBy('id')
      .execute();
    expect(events.filter((e) => e.ticket_id === opened.ticketId).map((e) => e.type)).toEqual([
      'ticket.opened',
      'message.added',
      'message.added',
    ]);
    expect(events.every((e) => e.actor_kind === 'contact')).toBe(true);
    const contact = await ctx.db
      .selectFrom('contacts')
      .select('name')
      .where('email', '=', sender)
      .executeTakeFirstOrThrow();
    expect(contact.name).toBe('Camille');
  });
});
