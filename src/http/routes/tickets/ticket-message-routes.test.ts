import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { fixture, inboundDeps, mailMailbox, plainMail, uniqueId } from '../../../../test/mail.ts';
import { ingestMail } from '../../../mail/inbound/ingest-mail.ts';
import { setMailboxScope } from '../../../policies/mailbox-access.ts';

describeEachBackend('ticket message and mail admin routes', (ctx) => {
  let app: FastifyInstance;
  let agent: LoggedIn;
  let viewer: LoggedIn;
  let supervisor: LoggedIn;
  let mailboxId = '';
  const key = randomBytes(32);
  let inbound: Awaited<ReturnType<typeof inboundDeps>>;
  beforeAll(async () => {
    inbound = { ...(await inboundDeps(ctx.db)), maxBytes: 20_000 };
    app = await buildTestApp(ctx.database, 'http://localhost:3000', {
      mail: { inbound, credentialsKey: key },
    });
    ({ mailboxId } = await mailMailbox(ctx.db));
    agent = await logIn(app, (await makeUser(ctx.database, 'agent')).email);
    viewer = await logIn(app, (await makeUser(ctx.database, 'viewer')).email);
    supervisor = await logIn(app, (await makeUser(ctx.database, 'supervisor')).email);
  });
  afterAll(async () => {
    await app.close();
  });
  const newTicket = async () => {
    const outcome = await ingestMail(await inboundDeps(ctx.db), {
      raw: plainMail({
        from: 'Jeanne <jeanne@bailleur-44.example.org>',
        subject: 'Question',
        messageId: uniqueId('route'),
      }),
      mailboxId,
      source: 'smtp',
    });
    if (outcome.status !== 'created') throw new Error(JSON.stringify(outcome));
    return outcome.ticketId;
  };
  const post = (who: LoggedIn | null, url: string, payload: unknown, csrf = true) =>
    app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: who
        ? { cookie: who.cookie, ...(csrf ? { 'x-csrf-token': who.csrfToken } : {}) }
        : {},
    });

  it('lets agents reply, guards roles and CSRF', async () => {
    const ticketId = await newTicket();
    const url = `/api/tickets/${ticketId}/replies`;
    expect((await post(null, url, { body: 'x' })).statusCode).toBe(401);
    expect((await post(viewer, url, { body: 'x' })).statusCode).toBe(403);
    expect((await post(agent, url, { body: 'x' }, false)).statusCode).toBe(403);
    const ok = await post(agent, url, { body: 'Bonjour, voici la réponse.' });
    expect(ok.statusCode).toBe(201);
    const outbox = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.status).toBe('queued');
  });

  it('refuses hostile input with 400 or 404, never 500', async () => {
    const ticketId = await newTicket();
    const url = `/api/tickets/${ticketId}/replies`;
    for (const payload of [
      {},
      { body: '' },
      { body: 'x', cc: ['a@b.example.org\r\nBcc: x@evil.example.org'] },
      { body: 'x', authorUserId: 'someone' },
      { body: 'x', status: 'spam' },
      { body: 42 },
    ]) {
      const response = await post(agent, url, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    for (const id of ['abc', '1%20OR%201=1', '0', '-1', '99999999999']) {
      expect((await post(agent, `/api/tickets/${id}/replies`, { body: 'x' })).statusCode, id).toBe(
        404,
      );
    }
    expect((await post(agent, url, { body: 'x'.repeat(1_100_000) })).statusCode).toBe(413);
    const call = `/api/tickets/${ticketId}/calls`;
    for (const payload of [
      { direction: 'sideways', durationSeconds: 1, summary: '' },
      { direction: 'inbound', durationSeconds: -5, summary: '' },
      { direction: 'inbound', durationSeconds: 1.5, summary: '' },
    ]) {
      expect((await post(agent, call, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('adds notes (not replies) and logs calls that count as the first response', async () => {
    const ticketId = await newTicket();
    expect(
      (await post(agent, `/api/tickets/${ticketId}/notes`, { body: 'interne' })).statusCode,
    ).toBe(201);
    let ticket = await ctx.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(ticket.first_response_at).toBeNull();
    const at = new Date(ticket.created_at.getTime() + 30 * 60_000).toISOString();
    const call = await post(agent, `/api/tickets/${ticketId}/calls`, {
      direction: 'outbound',
      durationSeconds: 300,
      summary: 'Rappel du partenaire',
      at,
    });
    expect(call.statusCode).toBe(201);
    ticket = await ctx.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(ticket.first_response_seconds).toBe(1800);
    const replies = await ctx.db
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .where('kind', '=', 'reply')
      .execute();
    expect(replies).toHaveLength(0);
    const opened = await post(agent, '/api/calls', {
      mailboxId,
      subject: 'Appel entrant',
      contact: { name: 'M. Dupont', phone: '02 99 00 00 00' },
      direction: 'inbound',
      durationSeconds: 120,
      summary: 'Mot de passe perdu',
    });
    expect(opened.statusCode).toBe(201);
    const created = await ctx.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', opened.json().ticketId)
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({ channel: 'phone', first_response_seconds: 0 });
  });

  it('keeps mail passwords encrypted and write-only; supervisors only', async () => {
    const url = `/api/mailboxes/${mailboxId}/mail-settings`;
    const put = (who: LoggedIn, payload: unknown) =>
      app.inject({
        method: 'PUT',
        url,
        payload: payload as object,
        headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
      });
    expect((await put(agent, { ackEnabled: true })).statusCode).toBe(403);
    expect(
      (await put(supervisor, { ackSubject: 'Reçu\r\nBcc: x@evil.example.org' })).statusCode,
    ).toBe(400);
    const saved = await put(supervisor, {
      imapEnabled: true,
      imapHost: 'imap.example.org',
      imapUser: 'support@example.org',
      imapPassword: 'tres-secret-password',
      reopenDays: 3,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).not.toContain('tres-secret-password');
    expect(saved.json()).toMatchObject({ hasImapPassword: true, reopenDays: 3 });
    const row = await ctx.db
      .selectFrom('mailbox_mail_settings')
      .selectAll()
      .where('mailbox_id', '=', mailboxId)
      .executeTakeFirstOrThrow();
    expect(row.imap_password_enc).toMatch(/^v1:/);
    expect(row.imap_password_enc).not.toContain('tres-secret');
    await put(supervisor, { imapEnabled: false, reopenDays: 7 });
    const shown = await app.inject({ method: 'GET', url, headers: { cookie: supervisor.cookie } });
    expect(shown.json()).toMatchObject({ imapEnabled: false, hasImapPassword: true });
  });

  it('lists dead letters to supervisors and reprocesses one once', async () => {
    const big = Buffer.concat([
      plainMail({
        from: 'big@bailleur-44.example.org',
        subject: 'gros',
        messageId: uniqueId('dead'),
      }),
      Buffer.alloc(30_000, 97),
    ]);
    const dead = await ingestMail(inbound, { raw: big, mailboxId, source: 'smtp' });
    if (dead.status !== 'dead_letter') throw new Error(JSON.stringify(dead));
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/mail/dead-letters',
          headers: { cookie: agent.cookie },
        })
      ).statusCode,
    ).toBe(403);
    const list = await app.inject({
      method: 'GET',
      url: '/api/mail/dead-letters',
      headers: { cookie: supervisor.cookie },
    });
    expect(list.json().deadLetters.map((d: { id: number }) => d.id)).toContain(dead.deadLetterId);
    const reprocess = () =>
      post(supervisor, `/api/mail/dead-letters/${dead.deadLetterId}/reprocess`, {});
    expect((await reprocess()).json()).toEqual({ outcome: 'created' });
    expect((await reprocess()).json()).toEqual({ outcome: 'duplicate' });
    const open = await app.inject({
      method: 'GET',
      url: '/api/mail/dead-letters',
      headers: { cookie: supervisor.cookie },
    });
    expect(open.json().deadLetters.map((d: { id: number }) => d.id)).not.toContain(
      dead.deadLetterId,
    );
    expect((await post(supervisor, '/api/mail/dead-letters/abc/reprocess', {})).statusCode).toBe(
      404,
    );
  });

  it('serves attachments as sandboxed downloads, raster images inline on request (#9–#12)', async () => {
    const stored = await ingestMail(inbound, {
      raw: await fixture('hostile-filenames.eml'),
      mailboxId,
      source: 'smtp',
    });
    if (stored.status !== 'created') throw new Error(JSON.stringify(stored));
    const files = await ctx.db
      .selectFrom('attachments')
      .select(['id', 'filename', 'content_type'])
      .where('message_id', '=', stored.messageId)
      .execute();
    const get = (id: string, who: LoggedIn | null = agent, query = '') =>
      app.inject({
        method: 'GET',
        url: `/api/attachments/${id}${query}`,
        headers: who ? { cookie: who.cookie } : {},
      });
    for (const file of files) {
      const response = await get(file.id, agent, '?inline=1');
      expect(response.statusCode).toBe(200);
      const raster = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(
        file.content_type,
      );
      const kind = raster ? 'inline' : 'attachment';
      expect(response.headers['content-disposition']).toMatch(
        new RegExp(`^${kind}; filename="[^"\r\n]*"; filename\\*=UTF-8''`),
      );
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain('sandbox');
      expect(response.headers['content-type']).toBe(
        raster ? file.content_type : 'application/octet-stream',
      );
    }
    const svg = files.find((f) => f.content_type === 'image/svg+xml');
    expect(svg).toBeDefined();
    expect((await get(files[0]?.id ?? '', viewer)).statusCode).toBe(403);
    expect((await get(files[0]?.id ?? '', null)).statusCode).toBe(401);
    expect((await get('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('..%2F..%2Fetc%2Fpasswd')).statusCode).toBe(404);
  });

  it('answers 404 for replies, notes, calls and attachments of a mailbox the agent may not see', async () => {
    const ticketId = await newTicket();
    const other = await ctx.db
      .insertInto('mailboxes')
      .values({
        slug: `other-${uniqueId('m')
          .slice(0, 8)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '')}`,
        name: 'Other',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const made = await makeUser(ctx.database, 'agent');
    await setMailboxScope(ctx.db, made.user.id, [other.id]);
    const restricted = await logIn(app, made.email);
    for (const [url, payload] of [
      [`/api/tickets/${ticketId}/replies`, { body: 'x' }],
      [`/api/tickets/${ticketId}/notes`, { body: 'x' }],
      [
        `/api/tickets/${ticketId}/calls`,
        { direction: 'inbound', durationSeconds: 1, summary: 'x' },
      ],
    ] as const) {
      expect((await post(restricted, url, payload)).statusCode).toBe(404);
    }
    const attachment = await ctx.db
      .insertInto('attachments')
      .values({
        ticket_id: ticketId,
        filename: 'a.txt',
        content_type: 'text/plain',
        size_bytes: 1,
        sha256: 'b'.repeat(64),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/attachments/${attachment.id}`,
      headers: { cookie: restricted.cookie },
    });
    expect(hidden.statusCode).toBe(404);
    const notes = await ctx.db
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .where('kind', '=', 'note')
      .execute();
    expect(notes).toEqual([]);
  });
});
