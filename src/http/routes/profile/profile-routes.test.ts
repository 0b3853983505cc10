import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { inboundDeps, mailMailbox, plainMail, signer, uniqueId } from '../../../../test/mail.ts';
import { type SmtpSink, startSmtpSink } from '../../../../test/smtp-sink.ts';
import { ingestMail } from '../../../mail/inbound/ingest-mail.ts';
import { runOutboxOnce } from '../../../mail/outbound/outbox-worker.ts';
import { createTransportFor } from '../../../mail/outbound/transport.ts';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
});

describeEachBackend('agent profile', (ctx) => {
  let app: FastifyInstance;
  let agent: LoggedIn;
  let agentId = '';
  let viewer: LoggedIn;
  let transportFor: ReturnType<typeof createTransportFor> | undefined;
  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    const made = await makeUser(ctx.database, 'agent');
    agentId = made.user.id;
    agent = await logIn(app, made.email);
    viewer = await logIn(app, (await makeUser(ctx.database, 'viewer')).email);
  });
  afterAll(async () => {
    transportFor?.closeAll();
    await app.close();
  });
  const call = (who: LoggedIn | null, method: 'GET' | 'PATCH', payload?: unknown, csrf = true) =>
    app.inject({
      method,
      url: '/api/me/profile',
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: who
        ? { cookie: who.cookie, ...(csrf ? { 'x-csrf-token': who.csrfToken } : {}) }
        : {},
    });

  it('shows and saves the caller’s own signature and language, nothing else', async () => {
    expect((await call(null, 'GET')).statusCode).toBe(401);
    expect((await call(null, 'PATCH', { language: 'en' })).statusCode).toBe(401);
    expect((await call(agent, 'PATCH', { language: 'en' }, false)).statusCode).toBe(403);
    const before = await call(agent, 'GET');
    expect(before.json()).toMatchObject({ signature: null, language: 'fr' });
    const saved = await call(agent, 'PATCH', {
      signature: 'Agent Un  \r\nSupport partenaires\r\n\r\n',
      language: 'en',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      signature: 'Agent Un\nSupport partenaires',
      language: 'en',
    });
    // The session now carries the language, so the app follows it after login.
    const session = await app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: agent.cookie },
    });
    expect(session.json().user.language).toBe('en');
    // A viewer has a profile of their own; the agent's is untouched by it.
    expect((await call(viewer, 'PATCH', { signature: 'Lecteur' })).statusCode).toBe(200);
    expect((await call(agent, 'GET')).json().signature).toBe('Agent Un\nSupport partenaires');
  });

  it('keeps each user’s colour scheme and density (issue 15 §5)', async () => {
    expect((await call(agent, 'GET')).json()).toMatchObject({
      colorScheme: 'light',
      density: 'comfortable',
    });
    const saved = await call(agent, 'PATCH', { colorScheme: 'dark', density: 'compact' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ colorScheme: 'dark', density: 'compact' });
    // Kept in the account: read again, and untouched by another user's choice.
    await call(viewer, 'PATCH', { colorScheme: 'light', density: 'comfortable' });
    expect((await call(agent, 'GET')).json()).toMatchObject({
      colorScheme: 'dark',
      density: 'compact',
    });
    for (const payload of [
      { colorScheme: 'sepia' },
      { density: 'tight' },
      { colorScheme: null },
      { density: 1 },
      { colorScheme: 'DARK' },
    ]) {
      const response = await call(agent, 'PATCH', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const row = await ctx.db
      .selectFrom('users')
      .select(['color_scheme', 'density'])
      .where('id', '=', agentId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ color_scheme: 'dark', density: 'compact' });
  });

  it('refuses mass assignment and hostile input with 400', async () => {
    for (const payload of [
      { role: 'admin' },
      { email: 'other@example.org' },
      { name: 'Someone else' },
      { id: agentId },
      { language: 'de' },
      { signature: 'x'.repeat(5001) },
      { signature: 42 },
      [],
    ]) {
      const response = await call(agent, 'PATCH', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const user = await ctx.db
      .selectFrom('users')
      .select(['role', 'language'])
      .where('id', '=', agentId)
      .executeTakeFirstOrThrow();
    expect(user.role).toBe('agent');
    const blank = await call(agent, 'PATCH', { signature: '   \n ' });
    expect(blank.json().signature).toBeNull();
    await call(agent, 'PATCH', { signature: 'Agent Un <agent@example.org>\nSupport' });
  });

  it('ends the agent’s replies with their signature, once, in text and HTML', async () => {
    const { mailboxId } = await mailMailbox(ctx.db);
    await ctx.db
      .updateTable('mailbox_mail_settings')
      .set({ signature: 'L’équipe Guichet' })
      .where('mailbox_id', '=', mailboxId)
      .execute();
    const outcome = await ingestMail(await inboundDeps(ctx.db), {
      raw: plainMail({
        from: 'claire@bailleur-44.example.org',
        subject: 'Signature',
        messageId: uniqueId('sig'),
      }),
      mailboxId,
      source: 'smtp',
    });
    if (outcome.status !== 'created') throw new Error(JSON.stringify(outcome));
    const replied = await app.inject({
      method: 'POST',
      url: `/api/tickets/${outcome.ticketId}/replies`,
      payload: { body: 'Bonjour, c’est réglé.' },
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken },
    });
    expect(replied.statusCode).toBe(201);
    // A composer that writes HTML stores it beside the text: the mail then has both parts.
    await ctx.db
      .updateTable('messages')
      .set({ body_html: '<p>Bonjour, c’est <b>réglé</b>.</p>' })
      .where('id', '=', replied.json().messageId)
      .execute();
    transportFor = createTransportFor({ relayUrl: sink.url(), credentialsKey: undefined });
    await runOutboxOnce({
      db: ctx.db,
      signer,
      publicUrl: new URL('https://guichet.example.org'),
      transportFor,
      backoffMs: () => 0,
    });
    const sent = sink.received.find((r) => r.raw.toString().includes('Signature'));
    if (!sent) throw new Error('the reply was not sent');
    const mail = await simpleParser(sent.raw);
    const text = mail.text ?? '';
    expect(text).toContain(
      'Bonjour, c’est réglé.\n\n-- \nAgent Un <agent@example.org>\nSupport\n\nL’équipe Guichet\n',
    );
    expect(text.split('Agent Un').length).toBe(2);
    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(html).toContain('<b>réglé</b>');
    expect(html).toContain('Agent Un &#60;agent@example.org&#62;<br>');
    expect(html.split('Agent Un').length).toBe(2);
    expect(html).not.toContain('<agent@example.org>');
  });
});
