import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import {
  fixture,
  type plainMail,
  receiveMail,
  signer,
  threadingSuite,
  uniqueId,
} from '../../../test/mail.ts';
import { replyToTicket } from '../../domain/tickets/reply-to-ticket.ts';
import type { InboundDeps } from './ingest-mail.ts';
import { ingestMail } from './ingest-mail.ts';
import { normalizeSubject } from './thread-mail.ts';

const day = 86_400_000;

describeEachBackend('threading', (ctx) => {
  let mailboxId = '';
  let agentId = '';
  let clock = new Date('2026-11-16T09:00:00Z');
  let deps: InboundDeps;
  beforeAll(async () => {
    ({ mailboxId, agentId, deps } = await threadingSuite(ctx.db, { reopen_days: 7 }, () => clock));
  });
  const receive = (mail: Parameters<typeof plainMail>[0]) => receiveMail(deps, mailboxId, mail);
  const ticket = (id: number) =>
    ctx.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const start = async (from: string, subject: string, cc?: string) => {
    const messageId = uniqueId('first');
    const first = await receive({ from, subject, messageId, cc });
    const reply = await replyToTicket(ctx.db, signer, {
      ticketId: first.ticketId,
      authorUserId: agentId,
      body: 'Réponse',
      now: clock,
    });
    const t = await ticket(first.ticketId);
    return {
      ticketId: first.ticketId,
      messageId,
      reply,
      number: t.number,
      subject: `Re: ${subject} ${signer.ticketToken(t.number)}`,
    };
  };

  it('normalises reply prefixes and tokens', () => {
    expect(normalizeSubject('RE : TR: Re: Accès [#1042-3fa9c1d2]')).toBe('accès');
    expect(normalizeSubject('Fwd: Re[2]: Question')).toBe('question');
  });

  it('threads by In-Reply-To, by References alone, and by the signed token alone', async () => {
    const t = await start('Claire <claire@bailleur-44.example.org>', 'Accès');
    expect(
      await receive({
        from: 'claire@bailleur-44.example.org',
        subject: t.subject,
        messageId: uniqueId('a'),
        inReplyTo: t.reply.rfcMessageId,
      }),
    ).toMatchObject({ status: 'appended', ticketId: t.ticketId });
    expect(
      await receive({
        from: 'claire@bailleur-44.example.org',
        subject: 'autre',
        messageId: uniqueId('b'),
        references: `${t.messageId} <unknown@x.example.org>`,
      }),
    ).toMatchObject({ status: 'appended', ticketId: t.ticketId });
    expect(
      await receive({
        from: 'someone.else@mairie-49.example.org',
        subject: t.subject,
        messageId: uniqueId('c'),
      }),
    ).toMatchObject({ status: 'appended', ticketId: t.ticketId });
  });

  it('follows a merge: the old ticket token leads to the ticket it was merged into', async () => {
    const kept = await start('Lise <lise@bailleur-44.example.org>', 'Mot de passe');
    const merged = await start('Lise <lise@bailleur-44.example.org>', 'Mot de passe oublié');
    await ctx.db
      .updateTable('tickets')
      .set({ merged_into_id: kept.ticketId, status: 'closed', closed_at: clock })
      .where('id', '=', merged.ticketId)
      .execute();
    expect(
      await receive({
        from: 'lise@bailleur-44.example.org',
        subject: merged.subject,
        messageId: uniqueId('m'),
      }),
    ).toMatchObject({ status: 'appended', ticketId: kept.ticketId });
  });

  it('accepts an unsigned [#n] only from a participant (#27)', async () => {
    const t = await start('Paul <paul@bailleur-44.example.org>', 'Radiation');
    const unsigned = `Re: Radiation [#${t.number}]`;
    expect(
      await receive({
        from: 'paul@bailleur-44.example.org',
        subject: unsigned,
        messageId: uniqueId('u'),
      }),
    ).toMatchObject({ status: 'appended', ticketId: t.ticketId });
    expect(
      await receive({ from: 'eve@evil.example.org', subject: unsigned, messageId: uniqueId('e') }),
    ).toMatchObject({ status: 'created' });
    expect(
      await receive({
        from: 'eve@evil.example.org',
        subject: `Re: Radiation [#${t.number}-00000000]`,
        messageId: uniqueId('f'),
      }),
    ).toMatchObject({ status: 'created' });
  });

  it('threads replies from CC’d people and flags strangers without making them recipients (#27)', async () => {
    const t = await start(
      'Anne <anne@bailleur-44.example.org>',
      'Habilitations',
      'Chef <chef@bailleur-44.example.org>',
    );
    const cc = await receive({
      from: 'chef@bailleur-44.example.org',
      subject: t.subject,
      messageId: uniqueId('cc'),
      inReplyTo: t.reply.rfcMessageId,
    });
    expect(cc).toMatchObject({ status: 'appended', ticketId: t.ticketId });
    expect(cc.flags.stranger).toBeUndefined();
    const stranger = await receive({
      from: 'intrus@evil.example.org',
      subject: t.subject,
      messageId: uniqueId('s'),
      references: t.reply.rfcMessageId,
    });
    expect(stranger).toMatchObject({ status: 'appended', ticketId: t.ticketId });
    expect(stranger.flags.stranger).toBe(true);
    const next = await replyToTicket(ctx.db, signer, {
      ticketId: t.ticketId,
      authorUserId: agentId,
      body: 'Suite',
      now: clock,
    });
    const row = await ctx.db
      .selectFrom('outbox')
      .select('to_address')
      .where('rfc_message_id', '=', next.rfcMessageId)
      .executeTakeFirstOrThrow();
    expect(row.to_address).toBe('anne@bailleur-44.example.org');
    const sent = await ctx.db
      .selectFrom('messages')
      .select(['to_addresses', 'in_reply_to'])
      .where('message_id', '=', next.rfcMessageId)
      .executeTakeFirstOrThrow();
    expect(sent.to_addresses).toEqual(['anne@bailleur-44.example.org']);
    expect(sent.in_reply_to).not.toBe(stranger.messageId);
  });

  it('reopens a closed ticket within the delay; later or off-subject opens a linked ticket', async () => {
    const t = await start('Luc <luc@bailleur-44.example.org>', 'Mot de passe');
    await ctx.db
      .updateTable('tickets')
      .set({ status: 'closed', closed_at: clock })
      .where('id', '=', t.ticketId)
      .execute();
    clock = new Date(clock.getTime() + 3 * day);
    const reopened = await receive({
      from: 'luc@bailleur-44.example.org',
      subject: t.subject,
      messageId: uniqueId('r'),
      inReplyTo: t.reply.rfcMessageId,
    });
    expect(reopened).toMatchObject({ status: 'appended', ticketId: t.ticketId });
    expect(await ticket(t.ticketId)).toMatchObject({ status: 'active', closed_at: null });

    await ctx.db
      .updateTable('tickets')
      .set({ status: 'closed', closed_at: clock })
      .where('id', '=', t.ticketId)
      .execute();
    const offSubject = await receive({
      from: 'luc@bailleur-44.example.org',
      subject: 'Nouvelle question',
      messageId: uniqueId('o'),
      inReplyTo: t.reply.rfcMessageId,
    });
    expect(offSubject.status).toBe('created');
    expect((await ticket(offSubject.ticketId)).linked_ticket_id).toBe(t.ticketId);

    clock = new Date(clock.getTime() + 8 * day);
    const late = await receive({
      from: 'luc@bailleur-44.example.org',
      subject: t.subject,
      messageId: uniqueId('l'),
      inReplyTo: t.reply.rfcMessageId,
    });
    expect(late.status).toBe('created');
    expect((await ticket(late.ticketId)).linked_ticket_id).toBe(t.ticketId);
    expect((await ticket(t.ticketId)).status).toBe('closed');
  });

  it('attaches a delivery report to the bounced reply’s ticket, never a new ticket (#39)', async () => {
    for (const name of ['dsn-rfc822.eml', 'dsn-headers-only.eml']) {
      const t = await start('Nobody <nobody@bailleur-44.example.org>', `Bounce ${name}`);
      const before = await ctx.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const outcome = await ingestMail(deps, {
        raw: await fixture(name, { ORIGINAL_ID: t.reply.rfcMessageId }),
        mailboxId,
        source: 'imap',
      });
      expect(outcome, name).toMatchObject({ status: 'bounce', ticketId: t.ticketId });
      const after = await ctx.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      const outbox = await ctx.db
        .selectFrom('outbox')
        .select(['status', 'last_error'])
        .where('rfc_message_id', '=', t.reply.rfcMessageId)
        .executeTakeFirstOrThrow();
      expect(outbox.status).toBe('failed');
      expect(outbox.last_error).toContain('5.1.1');
      const event = await ctx.db
        .selectFrom('messages')
        .select(['event_type', 'event_data'])
        .where('ticket_id', '=', t.ticketId)
        .where('kind', '=', 'event')
        .executeTakeFirstOrThrow();
      expect(event.event_type).toBe('delivery_failed');
      expect(event.event_data).toMatchObject({
        recipient: 'nobody@bailleur-44.example.org',
        status: '5.1.1',
      });
    }
  });

  it('fills partner type and département from the sender’s organisation domain', async () => {
    const values = await ctx.db
      .selectFrom('field_values')
      .innerJoin('fields', 'fields.id', 'field_values.field_id')
      .select(['field_values.id', 'fields.key'])
      .where('fields.mailbox_id', '=', mailboxId)
      .where('fields.key', 'in', ['partner_type', 'departement'])
      .execute();
    const partnerType = values.find((v) => v.key === 'partner_type')?.id ?? null;
    const departement = values.find((v) => v.key === 'departement')?.id ?? null;
    const org = await ctx.db
      .insertInto('organisations')
      .values({
        name: 'Bailleur 35',
        partner_type_value_id: partnerType,
        departement_value_id: departement,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('organisation_domains')
      .values({ domain: 'bailleur-35.example.org', organisation_id: org.id })
      .execute();
    const outcome = await receive({
      from: 'agent@bailleur-35.example.org',
      subject: 'Auto',
      messageId: uniqueId('org'),
    });
    const filled = await ctx.db
      .selectFrom('ticket_field_values')
      .select(['value_id', 'auto_filled'])
      .where('ticket_id', '=', outcome.ticketId)
      .execute();
    expect(filled.map((f) => f.value_id).sort()).toEqual([partnerType, departement].sort());
    expect(filled.every((f) => f.auto_filled)).toBe(true);
    expect((await ticket(outcome.ticketId)).organisation_id).toBe(org.id);
    const webmail = await receive({
      from: 'someone@gmail.example.org',
      subject: 'Webmail',
      messageId: uniqueId('web'),
    });
    expect((await ticket(webmail.ticketId)).organisation_id).toBeNull();
  });
});
