/**
 * Issue 22: a worker killed in the middle of a batch (SIGKILL, a real second
 * process) loses and doubles nothing. The batch and the cursor commit
 * together, so the restarted worker takes the unfinished batch again and
 * every mail is stored exactly once (counted rows), each flagged \Seen.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServerDatabase, pgAvailable } from '../../../test/backends.ts';
import {
  imapRequiredOrAvailable,
  mailMailbox,
  plainMail,
  signer,
  testImapAccount,
} from '../../../test/mail.ts';
import { type Database, openDatabase } from '../../db/client.ts';
import { createBlobStore } from '../../storage/blob-store.ts';
import { imapClient, syncImapOnce } from './imap-sync.ts';

const available = (await imapRequiredOrAvailable()) && pgAvailable();
const total = 300;
const child = new URL('../../../test/support/imap-intake-child.ts', import.meta.url).pathname;

describe.skipIf(!available)('IMAP worker killed mid-batch (issue 22)', () => {
  let server: { url: string; drop: () => Promise<void> };
  let database: Database;
  let dir = '';
  let mailboxId = '';
  const folder = `Crash${randomBytes(4).toString('hex')}`;
  const account = { ...testImapAccount, folder };
  const run = randomBytes(4).toString('hex');

  beforeAll(async () => {
    server = await createServerDatabase(inject('pgTemplate'));
    database = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 4 });
    ({ mailboxId } = await mailMailbox(database.db));
    dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-crash-'));
    const client = imapClient(account);
    await client.connect();
    await client.mailboxCreate(folder);
    for (let i = 0; i < total; i++)
      await client.append(
        folder,
        plainMail({
          from: `Partenaire ${i} <p${i}@bailleur-44.example.org>`,
          subject: `Demande ${i}`,
          messageId: `<crash-${run}-${i}@client.example.org>`,
          ...(i % 10 === 9 ? { inReplyTo: `<crash-${run}-${i - 1}@client.example.org>` } : {}),
        }),
      );
    await client.logout();
  }, 120_000);
  afterAll(async () => {
    const client = imapClient(account);
    await client.connect();
    await client.mailboxDelete(folder).catch(() => {});
    await client.logout();
    await database?.close();
    await server?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const counted = async () => {
    const row = await database.db
      .selectFrom('messages')
      .select((eb) => [
        eb.fn.countAll<number>().as('rows'),
        eb.fn.count<number>('message_id').distinct().as('ids'),
      ])
      .where('message_id', 'like', `<crash-${run}-%`)
      .executeTakeFirstOrThrow();
    return { rows: Number(row.rows), ids: Number(row.ids) };
  };

  it('stores every mail exactly once after a SIGKILL in the middle of the intake', async () => {
    const workerId = 'crash-worker';
    const options = {
      url: server.url,
      mailboxId,
      folder,
      blobs: path.join(dir, 'blobs'),
      workerId,
      batchSize: 40,
    };
    const worker: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', child, JSON.stringify(options)],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Killed as soon as its first batch is committed: the next one is in flight.
    let atKill = { rows: 0, ids: 0 };
    for (let tries = 0; tries < 6000 && atKill.rows === 0; tries++) {
      atKill = await counted();
      if (atKill.rows === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    worker.kill('SIGKILL');
    await exited;
    const afterKill = await counted();
    expect(afterKill.rows).toBeGreaterThan(0);
    expect(afterKill.rows).toBeLessThan(total);
    // Batches are whole: what the dead worker left is a multiple of its batch size.
    expect(afterKill.rows % 40).toBe(0);

    // The restarted worker (same id: its lease is its own) takes the rest.
    const deps = {
      db: database.db,
      blobs: createBlobStore(path.join(dir, 'blobs')),
      signer,
      maxBytes: 1_000_000,
    };
    const client = imapClient(account);
    await client.connect();
    try {
      let result = await syncImapOnce(client, { deps, mailboxId, account, workerId });
      while (result.more)
        result = await syncImapOnce(client, { deps, mailboxId, account, workerId });
      expect(await counted()).toEqual({ rows: total, ids: total });
      const lock = await client.getMailboxLock(folder);
      try {
        let unseen = 0;
        for await (const m of client.fetch('1:*', { flags: true }))
          if (!m.flags?.has('\\Seen')) unseen += 1;
        expect(unseen).toBe(0);
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }, 180_000);
});
