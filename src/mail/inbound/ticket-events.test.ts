/**
 * Inbound mail records its ticket events (issue 17): a new ticket, a threaded
 * reply, a pending ticket woken, a closed ticket reopened, a linked ticket after
 * the reopen delay, a bounce — and nothing twice for a redelivered mail.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import {
  fixture,
  plainMail,
  receiveMail,
  signer,
  threadingSuite,
  uniqueId,
} from '../../../test/mail.ts';
import { replyToTicket } from '../../domain/tickets/reply-to-ticket.ts';
import { type InboundDeps, ingestMail } from './ingest-mail.ts';

const day = 86_400_000;

describeEachBackend('inbound mail ticket events', (ctx) => {
  let mailboxId = '';
  let agentId = '';
  let clock = new Date('2026-11-16T09:00:00Z');
  let deps: InboundDeps;
  beforeAll(async () => {
    ({ mailboxId, agentId, deps } = await threadingSuite(
      ctx.db,
      { reopen_days: 7, ack_enabled: true },
      () => clock,
    ));
  });
  const ingest = (raw: Buffer) => ingestMail(deps, { raw, mailboxId, source: 'smtp' });
  const receive = (mail: Parameters<typeof plainMail>[0]) => receiveMail(deps, mailboxId, mail);
  /** The events of a ticket not caused by an agent (replies record their own), in order. */
  const eventsOf = async (ticketId: number) =>
    (
      await ctx.db
        .selectFrom('ticket_events')
        .select(['type', 'actor_kind', 'data', 'mailbox_id'])
        .where('ticket_id', '=', ticketId)
        .where('actor_kind', '<>', 'user')
        .orderBy('id')
        .execute()
    ).map((e) => ({ type: e.type, actor: e.actor_kind, data: e.data }));
  const setStatus = (ticketId: number, status: 'closed' | 'pending') =>
    ctx.db
      .updateTable('tickets')
      .set({ status, closed_at: status === 'closed' ? clock : null })
      .where('id', '=', ticketId)
      .execute();

  it('records ticket.opened then message.added for a new ticket, message.added for a reply', async () => {
    const first = uniqueId('ev-new');
    const opened = await receive({
      from: 'Léa <lea@bailleur-44.example.org>',
      subject: 'Accès',
      messageId: first,
    });
    expect(opened.status).toBe('created');
    const ticket = await ctx.db
      .selectFrom('tickets')
      .select(['contact_id', 'organisation_id'])
      .where('id', '=', opened.ticketId)
      .executeTakeFirstOrThrow();
    expect(await eventsOf(opened.ticketId)).toEqual([
      {
        type: 'ticket.opened',
        actor: 'contact',
        data: {
          channel: 'email',
          status: 'active',
          contactId: ticket.contact_id,
          organisationId: ticket.organisation_id,
          linkedTicketId: null,
        },
      },
      {
        type: 'message.added',
        actor: 'contact',
        data: { messageId: opened.messageId, kind: 'customer', authorUserId: null },
      },
    ]);
    const reply = await receive({
      from: 'lea@bailleur-44.example.org',
      subject: 'Re: Accès',
      messageId: uniqueId('ev-reply'),
      inReplyTo: first,
    });
    expect(reply).toMatchObject({ status: 'appended', ticketId: opened.ticketId });
    const events = await eventsOf(opened.ticketId);
    expect(events.slice(2)).toEqual([
      {
        type: 'message.added',
        actor: 'contact',
        data: { messageId: reply.messageId, kind: 'customer', authorUserId: null },
      },
    ]);
  });

  it('records the status change when a reply wakes a pending ticket or reopens a closed one', async () => {
    const first = uniqueId('ev-wake');
    const from = 'marc@bailleur-44.example.org';
    const opened = await receive({ from, subject: 'Dossier', messageId: first });
    await setStatus(opened.ticketId, 'pending');
    const woken = await receive({
      from,
      subject: 'Re: Dossier',
      messageId: uniqueId('ev-w'),
      inReplyTo: first,
    });
    await setStatus(opened.ticketId, 'closed');
    clock = new Date(clock.getTime() + 2 * day);
    const reopened = await receive({
      from,
      subject: 'Re: Dossier',
      messageId: uniqueId('ev-r'),
      inReplyTo: first,
    });
    expect(reopened).toMatchObject({ status: 'appended', ticketId: opened.ticketId });
    expect((await eventsOf(opened.ticketId)).slice(2)).toEqual([
      {
        type: 'message.added',
        actor: 'contact',
        data: { messageId: woken.messageId, kind: 'customer', authorUserId: null },
      },
      {
        type: 'ticket.status_changed',
        actor: 'contact',
        data: { from: 'pending', to: 'active', reason: 'customer_reply' },
      },
      {
        type: 'message.added',
        actor: 'contact',
        data: { messageId: reopened.messageId, kind: 'customer', authorUserId: null },
      },
      {
        type: 'ticket.status_changed',
        actor: 'contact',
        data: { from: 'closed', to: 'active', reason: 'reopened' },
      },
    ]);
  });

  it('opens a linked ticket after the reopen delay; the closed one records nothing', async () => {
    const first = uniqueId('ev-link');
    const from = 'nina@bailleur-44.example.org';
    const opened = await receive({ from, subject: 'Attestation', messageId: first });
    await setStatus(opened.ticketId, 'closed');
    clock = new Date(clock.getTime() + 8 * day);
    const late = await receive({
      from,
      subject: 'Re: Attestation',
      messageId: uniqueId('ev-l'),
      inReplyTo: first,
    });
    expect(late.status).toBe('created');
    expect(await eventsOf(opened.ticketId)).toHaveLength(2);
    const events = await eventsOf(late.ticketId);
    expect(events.map((e) => e.type)).toEqual(['ticket.opened', 'message.added']);
    expect(events[0]?.data).toMatchObject({ channel: 'email', linkedTicketId: opened.ticketId });
  });

  it('records nothing for a redelivered mail', async () => {
    const raw = plainMail({
      from: 'olga@bailleur-44.example.org',
      subject: 'Deux fois',
      messageId: uniqueId('ev-dup'),
    });
    const first = await ingest(raw);
    if (first.status !== 'created') throw new Error(JSON.stringify(first));
    const count = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('ticket_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect((await ingest(raw)).status).toBe('duplicate');
    expect(await count()).toBe(before);
    expect(await eventsOf(first.ticketId)).toHaveLength(2);
  });

  it('records message.delivery_failed for a bounce, on the reply that failed', async () => {
    const opened = await receive({
      from: 'Nobody <nobody@bailleur-44.example.org>',
      subject: 'Rebond',
      messageId: uniqueId('ev-bounce'),
    });
    const reply = await replyToTicket(ctx.db, signer, {
      ticketId: opened.ticketId,
      authorUserId: agentId,
      body: 'Réponse',
      now: clock,
    });
    const outcome = await ingestMail(deps, {
      raw: await fixture('dsn-rfc822.eml', { ORIGINAL_ID: reply.rfcMessageId }),
      mailboxId,
      source: 'imap',
    });
    expect(outcome).toMatchObject({ status: 'bounce', ticketId: opened.ticketId });
    const events = await eventsOf(opened.ticketId);
    expect(events.slice(2)).toEqual([
      {
        type: 'message.delivery_failed',
        actor: 'system',
        data: { messageId: reply.messageId, final: true },
      },
    ]);
  });
});
