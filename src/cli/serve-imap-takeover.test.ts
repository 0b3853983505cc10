/**
 * Issue 16 §14 through real processes: a `guichet serve --role worker`
 * syncing a mailbox from Dovecot is killed with SIGKILL in the middle of its
 * intake, another one starts, and intake resumes once the dead worker's leases
 * (the job's and the folder cursor's, 30 s each) have run out — not after the
 * 120 s cursor lease of before. The take-over time is printed; the assertion
 * waits on the condition with room for a loaded machine (100 s, still below
 * the old cursor lease).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServerDatabase, pgAvailable } from '../../test/backends.ts';
import { type Running, randomSecret, start } from '../../test/cli.ts';
import { withDefaultConfiguration } from '../../test/factories.ts';
import { imapRequiredOrAvailable, plainMail, testImapAccount } from '../../test/mail.ts';
import { waitFor } from '../../test/wait-for.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { imapClient } from '../mail/inbound/imap-sync.ts';
import { encryptSecret } from '../storage/credentials.ts';

const available = await imapRequiredOrAvailable();
const TOTAL = 300;

describe.skipIf(!available || !pgAvailable())('IMAP intake after a worker is killed (§14)', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let client: ImapFlow;
  let dir = '';
  let env: Record<string, string> = {};
  const folder = `Takeover${randomBytes(4).toString('hex')}`;
  const tag = `takeover-${randomBytes(4).toString('hex')}`;
  const running: Running[] = [];

  const worker = async () => {
    const proc = start(['serve', '--role', 'worker'], env, { timeoutMs: 300_000 });
    running.push(proc);
    await proc.waitForOutput(/Guichet worker is running/, 120_000);
    return proc;
  };
  const stored = async () =>
    Number(
      (
        await database.db
          .selectFrom('messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('message_id', 'like', `<${tag}-%`)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const created = await createServerDatabase(inject('pgTemplate'));
    drop = created.drop;
    database = await openDatabase({ kind: 'postgres', url: created.url, poolSize: 2 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-imap-takeover-'));
    const key = randomBytes(32);
    env = {
      DATABASE_URL: created.url,
      DATA_DIR: path.join(dir, 'data'),
      SESSION_SECRET: randomSecret(),
      MAIL_CREDENTIALS_KEY: key.toString('hex'),
      MAIL_ALLOWED_HOSTS: testImapAccount.host,
    };
    client = imapClient(testImapAccount);
    await client.connect();
    await client.mailboxCreate(folder);
    for (let i = 0; i < TOTAL; i++)
      await client.append(
        folder,
        plainMail({
          from: `Partenaire ${i} <p-${i}@bailleur-44.example.org>`,
          subject: `Demande ${i}`,
          messageId: `<${tag}-${i}@client.example.org>`,
        }),
      );
    const mailboxId = (await withDefaultConfiguration(database.db)).partenaires ?? '';
    await database.db
      .insertInto('mailbox_mail_settings')
      .values({
        mailbox_id: mailboxId,
        imap_enabled: true,
        imap_host: testImapAccount.host,
        imap_port: testImapAccount.port,
        imap_tls: false,
        imap_user: testImapAccount.user,
        imap_password_enc: encryptSecret(key, testImapAccount.pass),
        imap_folder: folder,
      })
      .execute();
  }, 240_000);

  afterAll(async () => {
    for (const proc of running) proc.kill('SIGTERM');
    await Promise.all(running.map((p) => p.exited));
    await client?.mailboxDelete(folder).catch(() => {});
    await client?.logout().catch(() => {});
    await database?.close();
    await drop?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('a second worker takes the mailbox over within the lease and stores every mail once', async () => {
    const first = await worker();
    await waitFor(async () => ((await stored()) > 0 ? true : undefined), 'the first mail', 120_000);
    first.kill('SIGKILL');
    const killedAt = Date.now();
    expect((await first.exited).signal).toBe('SIGKILL');
    const atKill = await stored();
    expect(atKill, 'the worker was killed in the middle of its intake').toBeLessThan(TOTAL);

    await worker();
    await waitFor(
      async () => ((await stored()) > atKill ? true : undefined),
      'intake by the second worker',
      100_000,
    );
    const takeOver = (Date.now() - killedAt) / 1000;
    console.log(
      `IMAP take-over after SIGKILL: ${takeOver.toFixed(1)} s (${atKill}/${TOTAL} mails stored when killed; leases 30 s)`,
    );
    await waitFor(
      async () => ((await stored()) === TOTAL ? true : undefined),
      'every mail',
      180_000,
    );
    const duplicates = await database.db
      .selectFrom('messages')
      .select('message_id')
      .where('message_id', 'like', `<${tag}-%`)
      .groupBy('message_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(duplicates).toEqual([]);
  }, 420_000);
});
