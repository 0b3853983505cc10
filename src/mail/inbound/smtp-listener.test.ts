import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { fixture, inboundDeps, mailMailbox, plainMail, uniqueId } from '../../../test/mail.ts';
import { type SmtpListener, startSmtpListener } from './smtp-listener.ts';

describeEachBackend('SMTP listener', (ctx) => {
  let listener: SmtpListener;
  let tlsListener: SmtpListener;
  beforeAll(async () => {
    await mailMailbox(ctx.db);
    const deps = {
      ...(await inboundDeps(ctx.db)),
      maxBytes: 200_000,
      // two group commits at once on the server (the most allowed there), one on PGlite
      smtpCommitsInFlight: ctx.backend === 'postgres' ? 2 : 1,
    };
    listener = await startSmtpListener({ deps, host: '127.0.0.1', port: 0 });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-tls-'));
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    tlsListener = await startSmtpListener({
      deps,
      host: '127.0.0.1',
      port: 0,
      tls: { key: await readFile(key), cert: await readFile(cert) },
    });
  });
  afterAll(async () => {
    await listener.close();
    await tlsListener.close();
  });
  const send = (
    raw: Buffer,
    to: string[],
    options: { port?: number; requireTLS?: boolean } = {},
  ) => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: options.port ?? listener.port,
      secure: false,
      ignoreTLS: !options.requireTLS,
      requireTLS: options.requireTLS === true,
      tls: { rejectUnauthorized: false },
    });
    return transport
      .sendMail({ envelope: { from: 'sender@bailleur-44.example.org', to }, raw })
      .finally(() => transport.close());
  };

  it('turns a mail to a mailbox address into a ticket, once even when delivered twice', async () => {
    const messageId = uniqueId('smtp');
    const raw = plainMail({
      from: 'Jeanne <jeanne@bailleur-44.example.org>',
      subject: 'Par SMTP',
      messageId,
    });
    await send(raw, ['support@example.org']);
    await send(raw, ['SUPPORT@example.org']);
    const rows = await ctx.db
      .selectFrom('messages')
      .select('ticket_id')
      .where('message_id', '=', messageId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses unknown recipients and oversized mail (#14)', async () => {
    await expect(
      send(plainMail({ from: 'a@example.org', subject: 'x', messageId: uniqueId('x') }), [
        'nobody@example.org',
      ]),
    ).rejects.toMatchObject({ responseCode: 550 });
    const big = Buffer.concat([
      plainMail({ from: 'a@example.org', subject: 'big', messageId: uniqueId('big') }),
      Buffer.alloc(300_000, 97),
    ]);
    await expect(send(big, ['support@example.org'])).rejects.toMatchObject({ responseCode: 552 });
  });

  it('offers STARTTLS when a certificate is configured', async () => {
    const messageId = uniqueId('tls');
    await send(
      plainMail({ from: 'tls@bailleur-44.example.org', subject: 'chiffré', messageId }),
      ['support@example.org'],
      { port: tlsListener.port, requireTLS: true },
    );
    expect(
      await ctx.db
        .selectFrom('messages')
        .select('id')
        .where('message_id', '=', messageId)
        .executeTakeFirst(),
    ).toBeDefined();
    await expect(
      send(
        plainMail({ from: 'a@example.org', subject: 'x', messageId: uniqueId('x') }),
        ['support@example.org'],
        { requireTLS: true },
      ),
    ).rejects.toThrow();
  });

  it('takes the corpus in over SMTP, each mail on its own', async () => {
    for (const name of [
      'outlook-new.eml',
      'gmail-first.eml',
      'mobile-iphone.eml',
      'broken-boundary.eml',
    ])
      await send(await fixture(name), ['support@example.org']);
    const ids = [
      '<AM0PR07MB1234ABCD@AM0PR07MB1234.eurprd07.prod.outlook.example.org>',
      '<CAF=abc123+XyZ@mail.gmail.example.org>',
      '<D2E3F4A5-B6C7-4D8E-9F0A-1B2C3D4E5F60@orange.example.org>',
    ];
    const rows = await ctx.db
      .selectFrom('messages')
      .select('message_id')
      .where('message_id', 'in', ids)
      .execute();
    expect(rows).toHaveLength(3);
  });

  it('answers 250 only once the mail is stored, with 32 sessions at once sharing commits (issue 22)', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 32,
      maxMessages: Number.POSITIVE_INFINITY,
    });
    const ids = Array.from({ length: 160 }, () => uniqueId('group'));
    const missing: string[] = [];
    try {
      await Promise.all(
        ids.map(async (messageId, i) => {
          await transport.sendMail({
            envelope: { from: 'sender@bailleur-44.example.org', to: ['support@example.org'] },
            raw: plainMail({
              from: `Partenaire ${i % 7} <p${i % 7}@bailleur-44.example.org>`,
              subject: `Groupe ${i}`,
              messageId,
              // every fifth mail answers the one before it (threaded within a shared commit)
              ...(i % 5 === 4 ? { inReplyTo: ids[i - 1] } : {}),
            }),
          });
          // The 250 came: the row must be there now, not later.
          const row = await ctx.db
            .selectFrom('messages')
            .select('id')
            .where('message_id', '=', messageId)
            .executeTakeFirst();
          if (!row) missing.push(messageId);
        }),
      );
    } finally {
      transport.close();
    }
    expect(missing).toEqual([]);
    const rows = await ctx.db
      .selectFrom('messages')
      .select('message_id')
      .where('message_id', 'in', ids)
      .execute();
    expect(rows.length).toBe(ids.length);
    expect(new Set(rows.map((r) => r.message_id)).size).toBe(ids.length);
  });
});
