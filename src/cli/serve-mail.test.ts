/**
 * The e-mail channel end to end, through `guichet serve` on the PostgreSQL
 * server: a partner's mail sent to the SMTP listener becomes a ticket and is
 * acknowledged; the agent's reply reaches the relay with threading headers;
 * the partner's answer lands in the same ticket; the confirmed rating link
 * shows on the ticket.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServerDatabase, pgAvailable } from '../../test/backends.ts';
import { type Running, randomSecret, show, start } from '../../test/cli.ts';
import { plainMail, uniqueId } from '../../test/mail.ts';
import { freePort } from '../../test/ports.ts';
import { type SmtpSink, startSmtpSink } from '../../test/smtp-sink.ts';
import { waitFor } from '../../test/wait-for.ts';
import { type Database, openDatabase } from '../db/client.ts';

describe.skipIf(!pgAvailable())('guichet serve: the e-mail channel end to end', () => {
  let sink: SmtpSink;
  let server: Running;
  let database: Database;
  let drop: () => Promise<void>;
  let dir = '';
  let port = 0;
  let smtpPort = 0;
  const password = 'a long admin password for tests';

  beforeAll(async () => {
    sink = await startSmtpSink();
    const created = await createServerDatabase(inject('pgTemplate'));
    drop = created.drop;
    database = await openDatabase({ kind: 'postgres', url: created.url, poolSize: 2 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-serve-mail-'));
    [port, smtpPort] = [await freePort(), await freePort()];
    server = start(
      ['serve'],
      {
        DATABASE_URL: created.url,
        DATA_DIR: path.join(dir, 'data'),
        PORT: String(port),
        SESSION_SECRET: randomSecret(),
        GUICHET_ADMIN_EMAIL: 'admin@example.org',
        GUICHET_ADMIN_PASSWORD: password,
        SMTP_LISTEN_PORT: String(smtpPort),
        SMTP_RELAY_URL: sink.url().toString(),
        PUBLIC_URL: `http://localhost:${port}`,
      },
      { timeoutMs: 240_000 },
    );
    await server.waitForOutput(/Guichet is running/, 120_000);
    const mailbox = await database.db
      .selectFrom('mailboxes')
      .select('id')
      .where('slug', '=', 'partenaires')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('mailbox_addresses')
      .values({ address: 'partenaires@example.org', mailbox_id: mailbox.id, is_primary: true })
      .execute();
    await database.db
      .insertInto('mailbox_mail_settings')
      .values({ mailbox_id: mailbox.id, ack_enabled: true })
      .execute();
  }, 180_000);

  afterAll(async () => {
    server?.kill('SIGTERM');
    const stopped = await server?.exited;
    expect(stopped?.code, stopped && show(stopped)).toBe(0);
    await database?.close();
    await drop?.();
    await sink?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('receives, acknowledges, answers, threads the answer back and records the rating', async () => {
    expect(server.stdout()).toContain(`SMTP listener on 127.0.0.1:${smtpPort}`);
    const smtp = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const firstId = uniqueId('partner');
    await smtp.sendMail({
      envelope: { from: 'claire@bailleur-44.example.org', to: ['partenaires@example.org'] },
      raw: plainMail({
        from: 'Claire <claire@bailleur-44.example.org>',
        to: 'partenaires@example.org',
        subject: 'Accès au module',
        messageId: firstId,
      }),
    });
    const ticket = await waitFor(
      () =>
        database.db
          .selectFrom('messages')
          .select('ticket_id')
          .where('message_id', '=', firstId)
          .executeTakeFirst(),
      'the ticket',
    );
    const ack = await waitFor(
      async () => sink.received.find((r) => /Auto-Submitted: auto-replied/.test(r.raw.toString())),
      'the acknowledgement',
    );
    expect(ack.to).toEqual(['claire@bailleur-44.example.org']);

    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://localhost:${port}` },
      body: JSON.stringify({ email: 'admin@example.org', password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const replied = await fetch(
      `http://127.0.0.1:${port}/api/tickets/${ticket.ticket_id}/replies`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie,
          'x-csrf-token': csrfToken,
          origin: `http://localhost:${port}`,
        },
        body: JSON.stringify({ body: 'Bonjour Claire, c’est corrigé.' }),
      },
    );
    expect(replied.status).toBe(201);
    const received = await waitFor(
      async () => sink.received.find((r) => r.raw.toString().includes('corrig')),
      'the reply',
    );
    const reply = await simpleParser(received.raw);
    expect(reply.inReplyTo).toBe(firstId);
    expect(reply.subject).toMatch(/^Re: Accès au module \[#\d+-[0-9a-f]{8}\]$/);

    const answerId = uniqueId('answer');
    await smtp.sendMail({
      envelope: { from: 'claire@bailleur-44.example.org', to: ['partenaires@example.org'] },
      raw: plainMail({
        from: 'Claire <claire@bailleur-44.example.org>',
        to: 'partenaires@example.org',
        subject: `Re: ${reply.subject}`,
        messageId: answerId,
        inReplyTo: reply.messageId,
        references: `${firstId} ${reply.messageId}`,
      }),
    });
    const answer = await waitFor(
      () =>
        database.db
          .selectFrom('messages')
          .select('ticket_id')
          .where('message_id', '=', answerId)
          .executeTakeFirst(),
      'the answer',
    );
    expect(answer.ticket_id).toBe(ticket.ticket_id);

    const link = /http:\/\/localhost:\d+\/rate\/(\S+)/.exec(reply.text ?? '')?.[0] ?? '';
    const local = link.replace(`localhost:${port}`, `127.0.0.1:${port}`);
    expect((await fetch(local)).status).toBe(200);
    expect(
      await database.db
        .selectFrom('ratings')
        .select('id')
        .where('ticket_id', '=', ticket.ticket_id)
        .executeTakeFirst(),
    ).toBeUndefined();
    const rated = await fetch(local, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'level=great&comment=Parfait',
    });
    expect(rated.status).toBe(200);
    const rating = await database.db
      .selectFrom('ratings')
      .selectAll()
      .where('ticket_id', '=', ticket.ticket_id)
      .executeTakeFirstOrThrow();
    expect(rating).toMatchObject({ level: 'great', comment: 'Parfait' });
    smtp.close();
  });
});
