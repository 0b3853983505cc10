import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { buildTestApp, makeUser } from '../../../../test/http.ts';
import { inboundDeps, mailMailbox, plainMail, signer, uniqueId } from '../../../../test/mail.ts';
import { replyToTicket } from '../../../domain/tickets/reply-to-ticket.ts';
import { ingestMail } from '../../../mail/inbound/ingest-mail.ts';

describeEachBackend('rating page', (ctx) => {
  let app: FastifyInstance;
  let agentId = '';
  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    agentId = (await makeUser(ctx.database, 'agent')).user.id;
  });
  afterAll(async () => {
    await app.close();
  });
  const newReply = async () => {
    const { mailboxId } = await mailMailbox(ctx.db);
    const outcome = await ingestMail(await inboundDeps(ctx.db), {
      raw: plainMail({
        from: 'Jeanne <jeanne@bailleur-44.example.org>',
        subject: 'Question',
        messageId: uniqueId('rate'),
      }),
      mailboxId,
      source: 'smtp',
    });
    if (outcome.status !== 'created') throw new Error(JSON.stringify(outcome));
    const reply = await replyToTicket(ctx.db, signer, {
      ticketId: outcome.ticketId,
      authorUserId: agentId,
      body: 'Réponse',
    });
    return { ...reply, ticketId: outcome.ticketId };
  };
  const inAWeek = () => new Date(Date.now() + 7 * 86_400_000);
  const form = (url: string, body: string) =>
    app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const ratingOf = (messageId: number) =>
    ctx.db.selectFrom('ratings').selectAll().where('message_id', '=', messageId).executeTakeFirst();

  it('asks to confirm on GET (a link scanner records nothing), records on POST, credited to the agent', async () => {
    const reply = await newReply();
    const url = `/rate/${signer.ratingToken(reply.messageId, 'okay', inAWeek())}`;
    const page = await app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"');
    expect(page.body).toMatch(/value="okay" checked/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(await ratingOf(reply.messageId)).toBeUndefined();
    const saved = await form(url, 'level=okay&comment=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(saved.statusCode).toBe(200);
    expect(await ratingOf(reply.messageId)).toMatchObject({
      level: 'okay',
      agent_id: agentId,
      ticket_id: reply.ticketId,
    });
    const again = await app.inject({ method: 'GET', url });
    expect(again.body).not.toContain('<script>alert');
    expect(again.body).toContain('&#60;script&#62;');
  });

  it('keeps one rating per reply: the last change wins, earlier ones go to history', async () => {
    const reply = await newReply();
    await form(
      `/rate/${signer.ratingToken(reply.messageId, 'not_good', inAWeek())}`,
      'level=not_good',
    );
    await form(
      `/rate/${signer.ratingToken(reply.messageId, 'great', inAWeek())}`,
      'level=great&comment=merci',
    );
    const rating = await ratingOf(reply.messageId);
    expect(rating).toMatchObject({ level: 'great', comment: 'merci' });
    const history = await ctx.db
      .selectFrom('rating_history')
      .select('level')
      .where('rating_id', '=', rating?.id ?? '')
      .execute();
    expect(history).toEqual([{ level: 'not_good' }]);
  });

  it('refuses forged, expired or misdirected tokens', async () => {
    const reply = await newReply();
    const good = signer.ratingToken(reply.messageId, 'great', inAWeek());
    const forged = `${good.slice(0, -4)}AAAA`;
    const expired = signer.ratingToken(reply.messageId, 'great', new Date(Date.now() - 1000));
    const other = signer.ratingToken(reply.messageId + 100_000, 'great', inAWeek());
    const tampered = good.replace('.great.', '.not_good.');
    for (const token of [forged, expired, other, tampered, 'x', '../../etc/passwd']) {
      expect(
        (await app.inject({ method: 'GET', url: `/rate/${encodeURIComponent(token)}` })).statusCode,
        token,
      ).toBe(404);
      expect(
        (await form(`/rate/${encodeURIComponent(token)}`, 'level=great')).statusCode,
        token,
      ).toBe(404);
    }
    expect((await form(`/rate/${good}`, 'level=excellent')).statusCode).toBe(400);
    expect(await ratingOf(reply.messageId)).toBeUndefined();
  });
});
