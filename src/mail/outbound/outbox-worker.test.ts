import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { inboundDeps, mailMailbox, plainMail, signer, uniqueId } from '../../../test/mail.ts';
import { headersOf, type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { ticketView } from '../../domain/inbox/ticket-view.ts';
import { replyToTicket } from '../../domain/tickets/reply-to-ticket.ts';
import { createUser } from '../../domain/users/manage-users.ts';
import { presentTicketView } from '../../presenters/ticket-view.ts';
import { ingestMail } from '../inbound/ingest-mail.ts';
import { runOutboxOnce } from './outbox-worker.ts';
import { createTransportFor } from './transport.ts';

const publicUrl = new URL('https://guichet.example.org');
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
});

describeEachBackend('outbound mail', (ctx) => {
  let transportFor: ReturnType<typeof createTransportFor> | undefined;
  const deps = () => {
    transportFor ??= createTransportFor({ relayUrl: sink.url(), credentialsKey: undefined });
    return { db: ctx.db, signer, publicUrl, transportFor, backoffMs: () => 0 };
  };
  afterAll(() => transportFor?.closeAll());
  let agentId = '';
  const newTicket = async (from = 'Claire <claire@bailleur-44.example.org>') => {
    const { mailboxId } = await mailMailbox(ctx.db);
    const messageId = uniqueId('customer');
    const outcome = await ingestMail(await inboundDeps(ctx.db), {
      raw: plainMail({ from, subject: 'Demande d’accès', messageId }),
      mailboxId,
      source: 'smtp',
    });
    if (outcome.status !== 'created') throw new Error(JSON.stringify(outcome));
    if (!agentId) {
      const user = await createUser(
        ctx.db,
        {
          email: `agent-${Date.now()}@example.org`,
          name: 'Agent Un',
          role: 'agent',
          password: 'correct horse battery staple',
        },
        { userId: null, label: 'test' },
      );
      agentId = user.id;
    }
    return { ticketId: outcome.ticketId, customerMessageId: messageId, mailboxId };
  };
  const sentWith = (id: string) =>
    sink.received.filter((r) => r.raw.toString('utf8').includes(`Message-ID: ${id}`));

  it('sends the reply with threading headers, signed token and rating links; the answer comes back to the ticket', async () => {
    const { ticketId, customerMessageId, mailboxId } = await newTicket();
    const reply = await replyToTicket(ctx.db, signer, {
      ticketId,
      authorUserId: agentId,
      body: 'Bonjour,\nC’est réglé.',
    });
    expect(await runOutboxOnce(deps())).toMatchObject({ sent: 1 });
    const [received] = sentWith(reply.rfcMessageId);
    if (!received) throw new Error('nothing received');
    expect(received.to).toEqual(['claire@bailleur-44.example.org']);
    expect(received.from).toBe('support@example.org');
    const headers = headersOf(received.raw);
    const names = headers.map(([n]) => n.toLowerCase()).sort();
    expect(names).toEqual(
      [
        'content-transfer-encoding',
        'content-type',
        'date',
        'from',
        'in-reply-to',
        'message-id',
        'mime-version',
        'references',
        'reply-to',
        'subject',
        'to',
        'x-guichet-loop',
      ].sort(),
    );
    const get = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1];
    expect(get('message-id')).toBe(reply.rfcMessageId);
    expect(get('in-reply-to')).toBe(customerMessageId);
    expect(get('references')).toBe(customerMessageId);
    const ticket = await ctx.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    const parsed = await simpleParser(received.raw);
    expect(parsed.subject).toBe(`Re: Demande d’accès ${signer.ticketToken(ticket.number)}`);
    expect(parsed.from?.value[0]).toEqual({ name: 'Partenaires', address: 'support@example.org' });
    expect(parsed.replyTo?.value[0]?.address).toBe('support@example.org');
    expect(get('x-guichet-loop')).toBe('support@example.org');
    const links = [
      ...(parsed.text ?? '').matchAll(/https:\/\/guichet\.example\.org\/rate\/(\S+)/g),
    ].map((m) => m[1] ?? '');
    expect(links).toHaveLength(3);
    expect(links.map((t) => signer.verifyRatingToken(t)?.level)).toEqual([
      'great',
      'okay',
      'not_good',
    ]);
    expect(ticket.first_response_seconds).not.toBeNull();
    expect(ticket.status).toBe('pending');

    const answer = await ingestMail(await inboundDeps(ctx.db), {
      raw: plainMail({
        from: 'Claire <claire@bailleur-44.example.org>',
        subject: `Re: ${parsed.subject}`,
        messageId: uniqueId('answer'),
        inReplyTo: reply.rfcMessageId,
        references: `${customerMessageId} ${reply.rfcMessageId}`,
      }),
      mailboxId,
      source: 'imap',
    });
    expect(answer).toMatchObject({ status: 'appended', ticketId });
    expect(
      (
        await ctx.db
          .selectFrom('tickets')
          .select('status')
          .where('id', '=', ticketId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('active');
  });

  it('retries while the relay is down and sends once when it is back (F4)', async () => {
    const { ticketId } = await newTicket();
    await sink.stop();
    const reply = await replyToTicket(ctx.db, signer, {
      ticketId,
      authorUserId: agentId,
      body: 'Relais en panne',
    });
    expect(await runOutboxOnce(deps())).toMatchObject({ retried: 1 });
    const queued = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('rfc_message_id', '=', reply.rfcMessageId)
      .executeTakeFirstOrThrow();
    expect(queued.status).toBe('queued');
    expect(queued.last_error).toBeTruthy();
    await sink.start();
    expect(await runOutboxOnce(deps())).toMatchObject({ sent: 1 });
    await runOutboxOnce(deps());
    expect(sentWith(reply.rfcMessageId)).toHaveLength(1);
  });

  it('fails visibly on a permanent refusal and on a bad address, without blocking the others', async () => {
    const { ticketId } = await newTicket();
    sink.refuseWith = 550;
    const refused = await replyToTicket(ctx.db, signer, {
      ticketId,
      authorUserId: agentId,
      body: 'x',
    });
    expect(await runOutboxOnce(deps())).toMatchObject({ failed: 1 });
    sink.refuseWith = null;
    const row = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('rfc_message_id', '=', refused.rfcMessageId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/550/);
    const event = await ctx.db
      .selectFrom('messages')
      .select(['event_type'])
      .where('ticket_id', '=', ticketId)
      .where('kind', '=', 'event')
      .executeTakeFirstOrThrow();
    expect(event.event_type).toBe('delivery_failed');
    // Agents read the category; the relay's own words stay with administrators (issue 16 §2).
    const view = await ticketView(ctx.db, ticketId);
    const failureOf = (audience: 'agent' | 'admin') =>
      presentTicketView(view, null, audience).thread.find(
        (item) => item.eventType === 'delivery_failed',
      )?.eventData;
    expect(failureOf('agent')).toMatchObject({ category: 'rejected' });
    expect(JSON.stringify(failureOf('agent'))).not.toMatch(/550/);
    expect(failureOf('admin')).toMatchObject({
      category: 'rejected',
      reason: expect.stringMatching(/550/),
    });

    const quoted = await newTicket('"a b"@bailleur-44.example.org');
    await ctx.db
      .updateTable('contacts')
      .set({ email: 'bad address@x.example.org' })
      .where('email', '=', '"a b"@bailleur-44.example.org')
      .execute();
    const good = await newTicket(`ok-${Date.now()}@bailleur-44.example.org`);
    await expect(
      replyToTicket(ctx.db, signer, {
        ticketId: quoted.ticketId,
        authorUserId: agentId,
        body: 'x',
      }),
    ).rejects.toThrow(/no e-mail address/);
    const sent = await replyToTicket(ctx.db, signer, {
      ticketId: good.ticketId,
      authorUserId: agentId,
      body: 'x',
    });
    await runOutboxOnce(deps());
    expect(sentWith(sent.rfcMessageId)).toHaveLength(1);
  });

  it('cannot be made to add headers through names, subjects or addresses (#29)', async () => {
    const { ticketId, mailboxId } = await newTicket();
    await ctx.db
      .updateTable('tickets')
      .set({ subject: 'Bonjour\r\nBcc: all@evil.example.org' })
      .where('id', '=', ticketId)
      .execute();
    await ctx.db
      .updateTable('mailboxes')
      .set({ name: 'Support\r\nBcc: x@evil.example.org' })
      .where('id', '=', mailboxId)
      .execute();
    await expect(
      replyToTicket(ctx.db, signer, {
        ticketId,
        authorUserId: agentId,
        body: 'x',
        cc: ['a@b.example.org\nCc:x@y.example.org'],
      }),
    ).rejects.toThrow(/CC/);
    const reply = await replyToTicket(ctx.db, signer, {
      ticketId,
      authorUserId: agentId,
      body: 'x\r\nBcc: y@evil.example.org',
    });
    await runOutboxOnce(deps());
    await ctx.db
      .updateTable('mailboxes')
      .set({ name: 'Partenaires' })
      .where('id', '=', mailboxId)
      .execute();
    const [received] = sentWith(reply.rfcMessageId);
    if (!received) throw new Error('nothing received');
    const names = headersOf(received.raw).map(([n]) => n.toLowerCase());
    expect(names).not.toContain('bcc');
    expect(names.filter((n) => n === 'cc')).toHaveLength(0);
    expect(received.to).toEqual(['claire@bailleur-44.example.org']);
  });

  it('two workers never send one reply twice (F3)', async () => {
    const { ticketId } = await newTicket();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++)
      ids.push(
        (await replyToTicket(ctx.db, signer, { ticketId, authorUserId: agentId, body: `r${i}` }))
          .rfcMessageId,
      );
    await Promise.all([
      runOutboxOnce(deps(), 5),
      runOutboxOnce(deps(), 5),
      runOutboxOnce(deps(), 5),
    ]);
    for (const id of ids) expect(sentWith(id), id).toHaveLength(1);
  });

  it('resends with the same Message-ID after an ambiguous outcome (F5)', async () => {
    const { ticketId } = await newTicket();
    sink.dropAfterData = true;
    const reply = await replyToTicket(ctx.db, signer, {
      ticketId,
      authorUserId: agentId,
      body: 'Ambigu',
    });
    expect(await runOutboxOnce(deps())).toMatchObject({ retried: 1 });
    await sink.start();
    expect(await runOutboxOnce(deps())).toMatchObject({ sent: 1 });
    const copies = sentWith(reply.rfcMessageId);
    expect(copies).toHaveLength(2);
    expect(copies[0]?.raw.equals(copies[1]?.raw ?? Buffer.alloc(0))).toBe(true);
    const row = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('rfc_message_id', '=', reply.rfcMessageId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends the acknowledgement from the mailbox template, marked automatic', async () => {
    const { mailboxId } = await mailMailbox(ctx.db, { ack_enabled: true });
    await ctx.db
      .updateTable('mailbox_mail_settings')
      .set({
        ack_subject: 'Bien reçu : {{subject}} (n° {{ticket}})',
        ack_body: 'Merci, votre demande {{ticket}} est enregistrée.',
      })
      .where('mailbox_id', '=', mailboxId)
      .execute();
    const messageId = uniqueId('ack');
    const outcome = await ingestMail(await inboundDeps(ctx.db), {
      raw: plainMail({
        from: `Nina <nina-${Date.now()}@bailleur-44.example.org>`,
        subject: 'Première demande',
        messageId,
      }),
      mailboxId,
      source: 'smtp',
    });
    await mailMailbox(ctx.db, { ack_enabled: false });
    if (outcome.status !== 'created') throw new Error(JSON.stringify(outcome));
    const row = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('ticket_id', '=', outcome.ticketId)
      .executeTakeFirstOrThrow();
    await runOutboxOnce(deps());
    // Both backends number tickets from 1000, so the sink may hold the other backend's copy too.
    const received = sentWith(row.rfc_message_id).at(-1);
    if (!received) throw new Error('no acknowledgement');
    const parsed = await simpleParser(received.raw);
    const ticket = await ctx.db
      .selectFrom('tickets')
      .select('number')
      .where('id', '=', outcome.ticketId)
      .executeTakeFirstOrThrow();
    expect(parsed.subject).toBe(
      `Bien reçu : Première demande (n° ${ticket.number}) ${signer.ticketToken(ticket.number)}`,
    );
    expect(parsed.text?.trim()).toBe(`Merci, votre demande ${ticket.number} est enregistrée.`);
    expect(parsed.inReplyTo).toBe(messageId);
    const headers = headersOf(received.raw);
    expect(headers).toContainEqual(['Auto-Submitted', 'auto-replied']);
    expect(headers).toContainEqual(['X-Auto-Response-Suppress', 'All']);
  });
});
