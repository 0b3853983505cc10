/**
 * Issue 16 §2: a mailbox's IMAP and SMTP settings cannot lead to loopback,
 * link-local, metadata or unspecified addresses, neither when saved (400) nor
 * when connecting (the address is resolved and checked again, then used),
 * unless MAIL_ALLOWED_HOSTS allows them. Private LAN addresses stay allowed.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../test/http.ts';
import { inboundDeps, mailMailbox, testImapAccount } from '../../test/mail.ts';
import { type SmtpSink, startSmtpSink } from '../../test/smtp-sink.ts';
import {
  checkedMailAddress,
  forbiddenKind,
  parseMailAllowance,
} from '../config/mail-host-guard.ts';
import type { Database } from '../db/client.ts';
import { loadMailboxMail } from '../domain/mailboxes/mailbox-mail.ts';
import { AppError } from '../errors/app-error.ts';
import { runImapWorker } from './inbound/imap-worker.ts';
import { createTransportFor } from './outbound/transport.ts';

const none = parseMailAllowance(undefined);

describe('which addresses a mail server may have', () => {
  it('names loopback, link-local, metadata and unspecified addresses; leaves LAN and public ones', () => {
    for (const [address, kind] of [
      ['127.0.0.1', 'loopback'],
      ['127.8.9.10', 'loopback'],
      ['::1', 'loopback'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['169.254.169.254', 'cloud metadata'],
      ['fd00:ec2::254', 'cloud metadata'],
      ['169.254.10.1', 'link-local'],
      ['fe80::1', 'link-local'],
      ['0.0.0.0', 'unspecified'],
      ['::', 'unspecified'],
    ])
      expect([address, forbiddenKind(address as string)]).toEqual([address, kind]);
    for (const address of ['10.1.2.3', '192.168.1.20', '172.16.0.5', '203.0.113.7', 'fd12::1'])
      expect([address, forbiddenKind(address)]).toEqual([address, undefined]);
  });

  it('parses MAIL_ALLOWED_HOSTS and refuses a malformed entry', () => {
    const allowance = parseMailAllowance(' mail.local , 127.0.0.1, fe80::/10,[::1]');
    expect([...allowance.names]).toEqual(['mail.local']);
    expect(allowance.networks.check('127.0.0.1', 'ipv4')).toBe(true);
    expect(allowance.networks.check('127.0.0.2', 'ipv4')).toBe(false);
    expect(allowance.networks.check('fe80::9', 'ipv6')).toBe(true);
    expect(allowance.networks.check('::1', 'ipv6')).toBe(true);
    for (const bad of ['10.0.0.0/33', 'mail host', '1.2.3.4/8/1', 'http://x'])
      expect(() => parseMailAllowance(bad), bad).toThrow(/MAIL_ALLOWED_HOSTS/);
  });

  it('resolves names before checking them, and lets allowed hosts through', async () => {
    await expect(checkedMailAddress('localhost', none)).rejects.toThrow(/not allowed.*loopback/);
    await expect(checkedMailAddress('[::1]', none)).rejects.toThrow(/not allowed/);
    expect(await checkedMailAddress('127.0.0.1', parseMailAllowance('127.0.0.0/8'))).toBe(
      '127.0.0.1',
    );
    expect(await checkedMailAddress('localhost', parseMailAllowance('localhost'))).toMatch(
      /^(127\.0\.0\.1|::1)$/,
    );
    expect(await checkedMailAddress('10.20.30.40', none)).toBe('10.20.30.40');
  });
});

describe('mail settings and connections', () => {
  let database: Database;
  let sink: SmtpSink;
  let mailboxId = '';
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    sink = await startSmtpSink();
    ({ mailboxId } = await mailMailbox(database.db));
  });
  afterAll(async () => {
    await sink?.stop();
    await database?.close();
  });

  async function appWith(allowed: string | undefined): Promise<[FastifyInstance, LoggedIn]> {
    const app = await buildTestApp(database, 'http://localhost:3000', {
      mail: {
        inbound: await inboundDeps(database.db),
        credentialsKey: randomBytes(32),
        allowedHosts: parseMailAllowance(allowed),
      },
    });
    return [app, await logIn(app, (await makeUser(database, 'supervisor')).email)];
  }
  const save = (app: FastifyInstance, who: LoggedIn, payload: object) =>
    app.inject({
      method: 'PUT',
      url: `/api/mailboxes/${mailboxId}/mail-settings`,
      payload,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
    });

  it('refuses to save such hosts (400), unless an administrator allowed them', async () => {
    const [app, supervisor] = await appWith(undefined);
    try {
      for (const host of [
        '127.0.0.1',
        'localhost',
        '169.254.169.254',
        'fd00:ec2::254',
        '::1',
        '0.0.0.0',
        'fe80::1',
      ]) {
        for (const field of ['smtpHost', 'imapHost']) {
          const response = await save(app, supervisor, { [field]: host });
          expect([field, host, response.statusCode]).toEqual([field, host, 400]);
          expect(response.json().error.message).toMatch(/is not allowed.*MAIL_ALLOWED_HOSTS/);
        }
      }
      const lan = await save(app, supervisor, { smtpHost: '192.168.10.25', smtpPort: 587 });
      expect(lan.statusCode).toBe(200);
    } finally {
      await app.close();
    }
    const [allowedApp, other] = await appWith('127.0.0.1');
    try {
      const response = await save(allowedApp, other, { smtpHost: '127.0.0.1', smtpPort: 25 });
      expect(response.statusCode).toBe(200);
    } finally {
      await allowedApp.close();
    }
  });

  it('checks again when sending: a stored loopback SMTP host gets nothing, unless allowed', async () => {
    // Settings written before this check existed (or a name that now resolves elsewhere).
    await database.db
      .updateTable('mailbox_mail_settings')
      .set({ smtp_host: 'localhost', smtp_port: sink.port, smtp_tls: false })
      .where('mailbox_id', '=', mailboxId)
      .execute();
    const mailbox = await loadMailboxMail(database.db, mailboxId);
    const mail = {
      from: 'support@example.org',
      to: 'claire@example.org',
      subject: 'Test',
      text: 'Bonjour',
    };
    const guarded = createTransportFor({ relayUrl: undefined, credentialsKey: undefined });
    try {
      await expect(guarded(mailbox).sendMail(mail)).rejects.toThrow(/not allowed.*loopback/);
    } finally {
      guarded.closeAll();
    }
    expect(sink.received).toHaveLength(0);
    await database.db
      .updateTable('mailbox_mail_settings')
      .set({ smtp_host: '127.0.0.1' })
      .where('mailbox_id', '=', mailboxId)
      .execute();
    const allowed = createTransportFor({
      relayUrl: undefined,
      credentialsKey: undefined,
      allowedHosts: parseMailAllowance('127.0.0.1'),
    });
    try {
      await allowed(await loadMailboxMail(database.db, mailboxId)).sendMail(mail);
    } finally {
      allowed.closeAll();
    }
    expect(sink.received).toHaveLength(1);
  });

  it('checks again before every IMAP connection', async () => {
    const errors: unknown[] = [];
    let reported: () => void = () => {};
    const first = new Promise<void>((resolve) => {
      reported = resolve;
    });
    const stop = new AbortController();
    const worker = runImapWorker(
      {
        deps: await inboundDeps(database.db),
        mailboxId,
        account: { ...testImapAccount, host: 'localhost' },
        workerId: 'guard',
        onError: (error) => {
          errors.push(error);
          reported();
        },
      },
      stop.signal,
    );
    await first;
    stop.abort();
    await worker;
    expect(errors[0]).toBeInstanceOf(AppError);
    expect(String((errors[0] as AppError).message)).toMatch(/not allowed.*loopback/);
  });
});
