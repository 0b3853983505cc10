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

const publicUrl = new URL('https://guichet.example.org');
/** A PNG and a PDF as the checker recognises them (signature, no second format inside). */
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256).filter((b) => b !== 0x50)),
]);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
});

describeEachBackend('composer: attachments, undo send, forward, new conversation, move', (ctx) => {
  let app: FastifyInstance;
  let agent: LoggedIn;
  let other: LoggedIn;
  let viewer: LoggedIn;
  let mailboxId = '';
  let inbound: Awaited<ReturnType<typeof inboundDeps>>;
  let transportFor: ReturnType<typeof createTransportFor>;
  const outbox = () =>
    runOutboxOnce({
      db: ctx.db,
      signer,
      publicUrl,
      transportFor,
      backoffMs: () => 0,
      blobs: inbound.blobs,
    });
  beforeAll(async () => {
    inbound = await inboundDeps(ctx.db);
    app = await buildTestApp(ctx.database, 'http://localhost:3000', {
      mail: { inbound, credentialsKey: Buffer.alloc(32, 1) },
    });
    transportFor = createTransportFor({ relayUrl: sink.url(), credentialsKey: undefined });
    ({ mailboxId } = await mailMailbox(ctx.db));
    agent = await logIn(app, (await makeUser(ctx.database, 'agent')).email);
    other = await logIn(app, (await makeUser(ctx.database, 'agent')).email);
    viewer = await logIn(app, (await makeUser(ctx.database, 'viewer')).email);
  });
  afterAll(async () => {
    transportFor.closeAll();
    await app.close();
  });
  const newTicket = async () => {
    const outcome = await ingestMail(inbound, {
      raw: plainMail({
        from: 'Jeanne Martin <jeanne@bailleur-44.example.org>',
        subject: 'Document demandé',
        messageId: uniqueId('composer'),
      }),
      mailboxId,
      source: 'smtp',
    });
    if (outcome.status !== 'created') throw new Error(JSON.stringify(outcome));
    return outcome.ticketId;
  };
  const send = (
    who: LoggedIn,
    method: 'POST' | 'PUT' | 'GET' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
    });
  const upload = (who: LoggedIn, ticketId: number, bytes: Buffer, name: string, pasted = false) =>
    app.inject({
      method: 'POST',
      url: `/api/tickets/${ticketId}/uploads?name=${encodeURIComponent(name)}&pasted=${pasted ? 1 : 0}`,
      payload: bytes,
      headers: {
        cookie: who.cookie,
        'x-csrf-token': who.csrfToken,
        'content-type': 'application/octet-stream',
      },
    });
  const sentWith = (id: string) =>
    sink.received.filter((r) => r.raw.toString('utf8').includes(`Message-ID: ${id}`));
  const rfcIdOf = async (messageId: number) =>
    (
      await ctx.db
        .selectFrom('messages')
        .select('message_id')
        .where('id', '=', messageId)
        .executeTakeFirstOrThrow()
    ).message_id ?? '';

  it('sends an HTML reply with a plain-text part, BCC in the envelope only, and byte-identical files', async () => {
    const ticketId = await newTicket();
    const file = await upload(agent, ticketId, pdf, 'compte-rendu.pdf');
    expect(file.statusCode).toBe(201);
    const image = await upload(agent, ticketId, png, 'image.png', true);
    expect(image.statusCode).toBe(201);
    expect(image.json()).toMatchObject({ contentType: 'image/png', pasted: true });
    const reply = await send(agent, 'POST', `/api/tickets/${ticketId}/replies`, {
      bodyHtml:
        '<p>Bonjour <strong>Jeanne</strong>,</p><ul><li>un</li></ul><p><a href="https://example.org/doc">le guide</a></p><img src=x onerror="alert(1)"><script>alert(2)</script>',
      bcc: ['Chef@Example.org'],
      attachmentIds: [file.json().id, image.json().id],
    });
    expect(reply.statusCode).toBe(201);
    const stored = await ctx.db
      .selectFrom('messages')
      .select(['body_html', 'body_text', 'message_id'])
      .where('id', '=', reply.json().messageId)
      .executeTakeFirstOrThrow();
    expect(stored.body_html).not.toMatch(/script|onerror|<img/);
    expect(stored.body_text).toContain('Bonjour Jeanne,');
    expect(stored.body_text).toContain('- un');
    expect((await outbox()).sent).toBeGreaterThanOrEqual(1);
    const [received] = sentWith(stored.message_id ?? '');
    if (!received) throw new Error('not received');
    expect(received.to).toContain('chef@example.org');
    expect(received.raw.toString('utf8')).not.toMatch(/^Bcc:/im);
    const parsed = await simpleParser(received.raw);
    expect(parsed.text).toContain('le guide <https://example.org/doc>');
    expect(parsed.html).toContain('<strong>Jeanne</strong>');
    expect(parsed.html).not.toMatch(/script|onerror/);
    const files = parsed.attachments.map((a) => [a.filename, a.content] as const);
    expect(files.map(([name]) => name)).toEqual(['compte-rendu.pdf', 'image.png']);
    expect(files[0]?.[1].equals(pdf)).toBe(true);
    expect(files[1]?.[1].equals(png)).toBe(true);
    // The uploads are spent: they cannot ride on a second message.
    const again = await send(agent, 'POST', `/api/tickets/${ticketId}/replies`, {
      body: 'encore',
      attachmentIds: [file.json().id],
    });
    expect(again.statusCode).toBe(400);
  });

  it('refuses hostile files: wrong bytes, a polyglot, oversize, someone else’s upload; cleans names', async () => {
    const ticketId = await newTicket();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
    expect((await upload(agent, ticketId, exe, 'facture.pdf')).statusCode).toBe(400);
    const polyglot = Buffer.concat([pdf, Buffer.from('<script>alert(1)</script>')]);
    expect((await upload(agent, ticketId, polyglot, 'x.pdf')).statusCode).toBe(400);
    const big = Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    expect((await upload(agent, ticketId, big, 'gros.pdf')).statusCode).toBe(400);
    expect((await upload(agent, ticketId, Buffer.alloc(0), 'vide.pdf')).statusCode).toBe(400);
    expect((await upload(viewer, ticketId, pdf, 'x.pdf')).statusCode).toBe(403);
    const named = await upload(agent, ticketId, pdf, '../../etc/passwd\u202egnp.exe');
    expect(named.statusCode).toBe(201);
    expect(named.json().filename).toBe('passwdgnp.pdf');
    const stolen = await send(other, 'POST', `/api/tickets/${ticketId}/replies`, {
      body: 'Bonjour',
      attachmentIds: [named.json().id],
    });
    expect(stolen.statusCode).toBe(400);
    const empty = await send(agent, 'POST', `/api/tickets/${ticketId}/replies`, {
      bodyHtml: '<script>alert(1)</script>',
    });
    expect(empty.statusCode).toBe(400);
    expect(
      (await send(agent, 'POST', `/api/tickets/${ticketId}/replies`, { bodyHtml: 5 })).statusCode,
    ).toBe(400);
  });

  it('undo send: a held reply withdrawn never reaches the relay and comes back as the draft', async () => {
    const ticketId = await newTicket();
    const file = await upload(agent, ticketId, pdf, 'piece.pdf');
    const reply = await send(agent, 'POST', `/api/tickets/${ticketId}/replies`, {
      bodyHtml: '<p>Réponse à retirer</p>',
      cc: ['copie@example.org'],
      attachmentIds: [file.json().id],
      status: 'closed',
      undo: true,
    });
    expect(reply.statusCode).toBe(201);
    const messageId: number = reply.json().messageId;
    const rfcId = await rfcIdOf(messageId);
    // Held: not due yet.
    await outbox();
    expect(sentWith(rfcId)).toHaveLength(0);
    // Someone else cannot withdraw it.
    const url = `/api/tickets/${ticketId}/replies/${messageId}/withdraw`;
    expect((await send(other, 'POST', url, {})).statusCode).toBe(404);
    const withdrawn = await send(agent, 'POST', url, {});
    expect(withdrawn.statusCode).toBe(200);
    // Even once its time has come, the row is never claimed.
    await ctx.db
      .updateTable('outbox')
      .set({ next_attempt_at: new Date(Date.now() - 60_000) })
      .where('rfc_message_id', '=', rfcId)
      .execute();
    await outbox();
    expect(sentWith(rfcId)).toHaveLength(0);
    const row = await ctx.db
      .selectFrom('outbox')
      .select(['status', 'message_id'])
      .where('rfc_message_id', '=', rfcId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'withdrawn', message_id: null });
    const ticket = await ctx.db
      .selectFrom('tickets')
      .select(['status', 'first_response_at'])
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(ticket).toEqual({ status: 'active', first_response_at: null });
    const state = (await send(agent, 'GET', `/api/tickets/${ticketId}/composer`)).json();
    expect(state.draft).toMatchObject({ mode: 'reply', cc: ['copie@example.org'] });
    expect(state.draft.bodyHtml).toContain('Réponse à retirer');
    expect(state.uploads.map((u: { id: string }) => u.id)).toEqual([file.json().id]);
    const events = await ctx.db
      .selectFrom('ticket_events')
      .select('type')
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toContain('message.withdrawn');
    // Too late once sent.
    const sent = await send(agent, 'POST', `/api/tickets/${ticketId}/replies`, { body: 'Envoyée' });
    await outbox();
    const late = await send(
      agent,
      'POST',
      `/api/tickets/${ticketId}/replies/${sent.json().messageId}/withdraw`,
      {},
    );
    expect(late.statusCode).toBe(409);
  });

  it('saves drafts per agent and ticket; sending discards them', async () => {
    const ticketId = await newTicket();
    const url = `/api/tickets/${ticketId}/draft`;
    const draft = {
      mode: 'reply',
      bodyHtml: '<p>En cours <b>de</b> frappe</p><iframe src="https://evil.example.org"></iframe>',
      cc: [],
      bcc: ['b@example.org'],
      attachmentIds: [],
    };
    expect((await send(agent, 'PUT', url, draft)).statusCode).toBe(204);
    expect((await send(agent, 'PUT', url, { ...draft, mode: 'x' })).statusCode).toBe(400);
    const mine = (await send(agent, 'GET', `/api/tickets/${ticketId}/composer`)).json();
    expect(mine.draft.bodyHtml).toBe('<p>En cours <strong>de</strong> frappe</p>');
    expect(mine.variables).toMatchObject({ prenom: 'Jeanne', numero_unique: '' });
    expect(mine.colleagues.length).toBeGreaterThan(0);
    expect((await send(other, 'GET', `/api/tickets/${ticketId}/composer`)).json().draft).toBeNull();
    await send(agent, 'POST', `/api/tickets/${ticketId}/replies`, { body: 'Envoyé' });
    expect((await send(agent, 'GET', `/api/tickets/${ticketId}/composer`)).json().draft).toBeNull();
  });

  it('forwards the ticket with its files; the third party’s answer threads back as internal', async () => {
    const ticketId = await newTicket();
    const file = await upload(agent, ticketId, pdf, 'capture.pdf');
    const forward = await send(agent, 'POST', `/api/tickets/${ticketId}/forward`, {
      to: ['support@editeur.example.org'],
      bodyHtml: '<p>Pouvez-vous regarder ce défaut ?</p>',
      attachmentIds: [file.json().id],
    });
    expect(forward.statusCode).toBe(201);
    const rfcId = await rfcIdOf(forward.json().messageId);
    await outbox();
    const [received] = sentWith(rfcId);
    if (!received) throw new Error('forward not received');
    expect(received.to).toEqual(['support@editeur.example.org']);
    const parsed = await simpleParser(received.raw);
    expect(parsed.subject).toMatch(/^Tr: Document demandé \[#\d+-[0-9a-f]+\]$/);
    expect(parsed.text).toContain('---------- Message transféré ----------');
    expect(parsed.text).toContain('De : Jeanne Martin');
    expect(parsed.attachments[0]?.content.equals(pdf)).toBe(true);
    const before = await ctx.db
      .selectFrom('tickets')
      .select('status')
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    const answer = await ingestMail(inbound, {
      raw: plainMail({
        from: 'Éditeur <support@editeur.example.org>',
        subject: `Re: ${parsed.subject}`,
        messageId: uniqueId('vendor'),
        inReplyTo: rfcId,
        references: rfcId,
        body: 'Correctif prévu dans la version 4.2.',
      }),
      mailboxId,
      source: 'smtp',
    });
    expect(answer).toMatchObject({ status: 'appended', ticketId });
    const kept = await ctx.db
      .selectFrom('messages')
      .select(['kind', 'flags'])
      .where('ticket_id', '=', ticketId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(kept.kind).toBe('note');
    expect(kept.flags).toMatchObject({ forward_answer: true });
    const after = await ctx.db
      .selectFrom('tickets')
      .select('status')
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe(before.status);
    expect(
      (
        await send(agent, 'POST', `/api/tickets/${ticketId}/forward`, {
          to: ['not an address'],
          bodyHtml: '',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('starts a conversation (channel outbound) and moves a ticket to the other mailbox', async () => {
    const opened = await send(agent, 'POST', '/api/conversations', {
      mailboxId,
      to: 'Nouveau@Bailleur-44.example.org',
      subject: 'Confirmation de notre appel',
      bodyHtml: '<p>Comme convenu par téléphone…</p>',
    });
    expect(opened.statusCode).toBe(201);
    const ticket = await ctx.db
      .selectFrom('tickets')
      .select(['id', 'channel', 'status', 'subject'])
      .where('id', '=', opened.json().ticketId)
      .executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ channel: 'outbound', status: 'pending' });
    const first = await ctx.db
      .selectFrom('messages')
      .select(['kind', 'subject', 'to_addresses'])
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(first).toEqual({
      kind: 'reply',
      subject: 'Confirmation de notre appel',
      to_addresses: ['nouveau@bailleur-44.example.org'],
    });
    expect(
      (await send(agent, 'POST', '/api/conversations', { mailboxId, to: 'x', subject: 'a' }))
        .statusCode,
    ).toBe(400);

    const other = await ctx.db
      .selectFrom('mailboxes')
      .select('id')
      .where('id', '!=', mailboxId)
      .executeTakeFirstOrThrow();
    const moved = await send(agent, 'POST', `/api/tickets/${ticket.id}/mailbox`, {
      mailboxId: other.id,
    });
    expect(moved.statusCode).toBe(200);
    const events = await ctx.db
      .selectFrom('ticket_events')
      .select(['type', 'data'])
      .where('ticket_id', '=', ticket.id)
      .where('type', '=', 'ticket.mailbox_changed')
      .execute();
    expect(events).toEqual([
      { type: 'ticket.mailbox_changed', data: { from: mailboxId, to: other.id } },
    ]);
    const fieldsLeft = await ctx.db
      .selectFrom('ticket_field_values')
      .select('field_id')
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(fieldsLeft).toEqual([]);
    expect(
      (await send(agent, 'POST', `/api/tickets/${ticket.id}/mailbox`, { mailboxId: other.id }))
        .statusCode,
    ).toBe(400);
  });
});
