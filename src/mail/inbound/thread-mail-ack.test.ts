/**
 * Issue 16 §9: every mail Guichet sends about a ticket threads its answers
 * back. A customer answering the acknowledgement ("Re: Nous avons bien reçu
 * votre message : X") after the ticket was closed reopens it — the shapes of
 * Gmail, Outlook (its References name only the acknowledgement) and
 * Thunderbird, as .eml fixtures — and an answer naming only the
 * acknowledgement's Message-ID, subject token removed, finds its ticket too.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import {
  fixture,
  inboundDeps,
  mailMailbox,
  plainMail,
  signer,
  uniqueId,
} from '../../../test/mail.ts';
import type { InboundDeps } from './ingest-mail.ts';
import { ingestMail } from './ingest-mail.ts';

const day = 86_400_000;

describeEachBackend('threading answers to the acknowledgement', (ctx) => {
  let mailboxId = '';
  let clock = new Date('2026-11-16T08:13:00Z');
  let deps: InboundDeps;
  beforeAll(async () => {
    ({ mailboxId } = await mailMailbox(ctx.db, { ack_enabled: true, reopen_days: 7 }));
    deps = await inboundDeps(ctx.db, () => clock);
  });

  const ingest = async (raw: Buffer) => {
    const outcome = await ingestMail(deps, { raw, mailboxId, source: 'imap' });
    if (outcome.status !== 'created' && outcome.status !== 'appended')
      throw new Error(JSON.stringify(outcome));
    return outcome;
  };
  const ticket = (id: number) =>
    ctx.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** A new ticket from `from`, acknowledged, then closed; its ids and token. */
  const acknowledgedThenClosed = async (from: string) => {
    const originalId = uniqueId('first');
    const first = await ingest(
      plainMail({ from, subject: 'Demande de radiation', messageId: originalId }),
    );
    const ack = await ctx.db
      .selectFrom('outbox')
      .select('rfc_message_id')
      .where('ticket_id', '=', first.ticketId)
      .where('kind', '=', 'ack')
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('tickets')
      .set({ status: 'closed', closed_at: clock })
      .where('id', '=', first.ticketId)
      .execute();
    const { number } = await ticket(first.ticketId);
    return {
      ticketId: first.ticketId,
      vars: {
        ORIGINAL_ID: originalId,
        ACK_ID: ack.rfc_message_id,
        TOKEN: signer.ticketToken(number),
        FROM: from,
      },
    };
  };

  for (const [name, from] of [
    ['gmail-reply-to-ack.eml', 'paul.durand@gmail.example.org'],
    ['outlook-reply-to-ack.eml', 'helene.leguennec@bailleur-44.example.org'],
    ['thunderbird-reply-to-ack.eml', 'elodie.faure@mairie-49.example.org'],
  ] as const)
    it(`reopens the closed ticket with a reply to its acknowledgement (${name})`, async () => {
      const t = await acknowledgedThenClosed(from);
      clock = new Date(clock.getTime() + day);
      const answer = await ingest(await fixture(name, t.vars));
      expect(answer).toMatchObject({ status: 'appended', ticketId: t.ticketId });
      expect(answer.flags.stranger).toBeUndefined();
      expect(await ticket(t.ticketId)).toMatchObject({ status: 'active', closed_at: null });
      const stored = await ctx.db
        .selectFrom('messages')
        .select(['subject', 'in_reply_to'])
        .where('id', '=', answer.messageId)
        .executeTakeFirstOrThrow();
      expect(stored.subject).toContain('Nous avons bien reçu votre message : Demande de radiation');
      expect(stored.in_reply_to).toBe(t.vars.ACK_ID);
    });

  it('threads an answer naming only the acknowledgement, without the subject token', async () => {
    const from = 'agnes@mairie-49.example.org';
    const t = await acknowledgedThenClosed(from);
    await ctx.db
      .updateTable('tickets')
      .set({ status: 'active', closed_at: null })
      .where('id', '=', t.ticketId)
      .execute();
    const answer = await ingest(
      plainMail({
        from,
        subject: 'Re: Nous avons bien reçu votre message',
        messageId: uniqueId('bare'),
        inReplyTo: t.vars.ACK_ID,
      }),
    );
    expect(answer).toMatchObject({ status: 'appended', ticketId: t.ticketId });
  });

  it('still opens a linked ticket for a reply to the acknowledgement after the delay', async () => {
    const t = await acknowledgedThenClosed('late@bailleur-44.example.org');
    clock = new Date(clock.getTime() + 8 * day);
    const late = await ingest(
      plainMail({
        from: 'late@bailleur-44.example.org',
        subject: `Re: Nous avons bien reçu votre message : Demande de radiation ${t.vars.TOKEN}`,
        messageId: uniqueId('late'),
        inReplyTo: t.vars.ACK_ID,
        references: `${t.vars.ORIGINAL_ID} ${t.vars.ACK_ID}`,
      }),
    );
    expect(late.status).toBe('created');
    expect((await ticket(late.ticketId)).linked_ticket_id).toBe(t.ticketId);
    expect((await ticket(t.ticketId)).status).toBe('closed');
  });
});
