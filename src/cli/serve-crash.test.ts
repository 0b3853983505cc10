/**
 * RELIABILITY F2 through the real process: `guichet serve` is killed with
 * SIGKILL while mail streams into its SMTP listener and replies leave its
 * outbox, then started again. Senders retry until they get a 250, as MTAs
 * do. Afterwards every mail is stored exactly once (I1) and every reply is
 * sent, a resend only ever with its own Message-ID (I3, I4/F5).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServerDatabase, pgAvailable } from '../../test/backends.ts';
import { type Running, randomSecret, start } from '../../test/cli.ts';
import { plainMail, uniqueId } from '../../test/mail.ts';
import { freePort } from '../../test/ports.ts';
import { type SmtpSink, startSmtpSink } from '../../test/smtp-sink.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { createMailSigner } from '../domain/signing/mail-signer.ts';
import { replyToTicket } from '../domain/tickets/reply-to-ticket.ts';
import { createUser } from '../domain/users/manage-users.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!pgAvailable())('guichet serve killed mid-stream (F2)', () => {
  let sink: SmtpSink;
  let database: Database;
  let drop: () => Promise<void>;
  let dir = '';
  let env: Record<string, string> = {};
  let smtpPort = 0;
  let server: Running | undefined;
  const secret = randomSecret();

  const launch = async () => {
    server = start(['serve'], env, { timeoutMs: 240_000 });
    await server.waitForOutput(/Guichet is running/, 120_000);
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    const created = await createServerDatabase(inject('pgTemplate'));
    drop = created.drop;
    database = await openDatabase({ kind: 'postgres', url: created.url, poolSize: 2 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-serve-crash-'));
    smtpPort = await freePort();
    env = {
      DATABASE_URL: created.url,
      DATA_DIR: path.join(dir, 'data'),
      PORT: String(await freePort()),
      SESSION_SECRET: secret,
      SMTP_LISTEN_PORT: String(smtpPort),
      SMTP_RELAY_URL: sink.url().toString(),
    };
    await launch();
    const mailbox = await database.db
      .selectFrom('mailboxes')
      .select('id')
      .where('slug', '=', 'partenaires')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('mailbox_addresses')
      .values({ address: 'partenaires@example.org', mailbox_id: mailbox.id, is_primary: true })
      .execute();
  }, 180_000);

  afterAll(async () => {
    server?.kill('SIGTERM');
    await server?.exited;
    await database?.close();
    await drop?.();
    await sink?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores every mail once and sends every reply after a SIGKILL and a restart', async () => {
    const ids = Array.from({ length: 40 }, () => uniqueId('crash'));
    let accepted = 0;
    const send = async (id: string, i: number) => {
      for (let attempt = 0; attempt < 400; attempt++) {
        const transport = nodemailer.createTransport({
          host: '127.0.0.1',
          port: smtpPort,
          secure: false,
          ignoreTLS: true,
          connectionTimeout: 2000,
        });
        try {
          await transport.sendMail({
            envelope: { from: `p${i}@bailleur-44.example.org`, to: ['partenaires@example.org'] },
            raw: plainMail({
              from: `P${i} <p${i}@bailleur-44.example.org>`,
              to: 'partenaires@example.org',
              subject: `Crash ${i}`,
              messageId: id,
            }),
          });
          accepted += 1;
          return;
        } catch {
          await sleep(100);
        } finally {
          transport.close();
        }
      }
      throw new Error(`never accepted: ${id}`);
    };
    // Four senders, ten mails each, while the server is killed once mail is flowing.
    const sending = Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        for (let i = lane; i < ids.length; i += 4) await send(ids[i] ?? '', i);
      }),
    );
    while (accepted < 8) await sleep(20);

    const agent = await createUser(
      database.db,
      {
        email: 'agent-crash@example.org',
        name: 'Agent',
        role: 'agent',
        password: 'correct horse battery staple',
      },
      { userId: null, label: 'test' },
    );
    const first = await database.db
      .selectFrom('messages')
      .select('ticket_id')
      .where('message_id', '=', ids[0] ?? '')
      .executeTakeFirstOrThrow();
    const signer = createMailSigner(secret);
    const replies: string[] = [];
    for (let i = 0; i < 5; i++)
      replies.push(
        (
          await replyToTicket(database.db, signer, {
            ticketId: first.ticket_id,
            authorUserId: agent.id,
            body: `Réponse ${i}`,
          })
        ).rfcMessageId,
      );

    server?.kill('SIGKILL');
    await server?.exited;
    await sleep(300);
    await launch();
    await sending;

    const stored = await database.db
      .selectFrom('messages')
      .select('message_id')
      .where('message_id', 'in', ids)
      .execute();
    expect(stored).toHaveLength(ids.length);
    expect(new Set(stored.map((r) => r.message_id)).size).toBe(ids.length);

    // A row left `sending` by the killed process is resent when its lease ends (2 minutes in
    // production); expire it now instead of waiting.
    await database.db
      .updateTable('outbox')
      .set({ locked_until: new Date(0) })
      .where('status', '=', 'sending')
      .execute();
    const deadline = Date.now() + 30_000;
    for (;;) {
      const pending = await database.db
        .selectFrom('outbox')
        .select('id')
        .where('rfc_message_id', 'in', replies)
        .where('status', '!=', 'sent')
        .execute();
      if (pending.length === 0) break;
      if (Date.now() > deadline) throw new Error(`${pending.length} replies still not sent`);
      await sleep(200);
    }
    for (const id of replies) {
      const copies = sink.received.filter((r) => r.raw.toString().includes(`Message-ID: ${id}`));
      expect(copies.length, id).toBeGreaterThanOrEqual(1);
    }
  });
});
