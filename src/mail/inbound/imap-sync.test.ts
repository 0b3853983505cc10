import { randomBytes } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import {
  imapRequiredOrAvailable,
  inboundDeps,
  mailMailbox,
  plainMail,
  testImapAccount,
  uniqueId,
} from '../../../test/mail.ts';
import { waitFor } from '../../../test/wait-for.ts';
import { parseMailAllowance } from '../../config/mail-host-guard.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { type ImapAccount, imapClient, syncImapOnce } from './imap-sync.ts';
import { imapHealthRecorder, runImapWorker } from './imap-worker.ts';
import type { InboundDeps } from './ingest-mail.ts';

const available = await imapRequiredOrAvailable();

describe.skipIf(!available)('IMAP sync against Dovecot', () => {
  describeEachBackend('imap', (ctx) => {
    let client: ImapFlow;
    let account: ImapAccount;
    let deps: InboundDeps;
    let mailboxId = '';
    const ids: string[] = [];
    const append = async (flags: string[] = [], raw?: Buffer) => {
      const id = uniqueId('imap');
      ids.push(id);
      await client.append(
        account.folder,
        raw ??
          plainMail({
            from: `Partenaire <p-${ids.length}@bailleur-44.example.org>`,
            subject: `IMAP ${ids.length}`,
            messageId: id,
          }),
        flags,
      );
      return id;
    };
    const countStored = async () => {
      const rows = await ctx.db
        .selectFrom('messages')
        .select('message_id')
        .where('message_id', 'in', ids)
        .execute();
      expect(new Set(rows.map((r) => r.message_id)).size).toBe(rows.length);
      return rows.length;
    };
    const sync = (options: Partial<Parameters<typeof syncImapOnce>[1]> = {}, c = client) =>
      syncImapOnce(c, { deps, mailboxId, account, workerId: 'w1', batchSize: 10, ...options });

    beforeAll(async () => {
      account = { ...testImapAccount, folder: `T${ctx.backend}${randomBytes(4).toString('hex')}` };
      client = imapClient(account);
      await client.connect();
      await client.mailboxCreate(account.folder);
      ({ mailboxId } = await mailMailbox(ctx.db));
      deps = { ...(await inboundDeps(ctx.db)), maxBytes: 50_000 };
    });
    afterAll(async () => {
      await client.mailboxDelete(account.folder).catch(() => {});
      await client.logout();
    });

    it('ingests appended mail, read or not, and flags it only after the commit (F8, I2)', async () => {
      await append();
      await append(['\\Seen']);
      await append();
      const result = await sync();
      expect(result.outcomes).toEqual({ created: 3 });
      expect(await countStored()).toBe(3);
      const lock = await client.getMailboxLock(account.folder);
      try {
        for await (const m of client.fetch('1:*', { flags: true }))
          expect(m.flags?.has('\\Seen')).toBe(true);
      } finally {
        lock.release();
      }
      expect((await sync()).fetched).toBe(0);
    });

    it('caps a batch and resumes from the cursor', async () => {
      for (let i = 0; i < 4; i++) await append();
      const first = await sync({ batchSize: 3 });
      expect(first).toMatchObject({ fetched: 3, more: true });
      const second = await sync({ batchSize: 3 });
      expect(second).toMatchObject({ fetched: 1, more: false });
      expect(await countStored()).toBe(7);
    });

    it('keeps an oversized mail on the server and lists it as a dead letter; the batch goes on (#14, F9)', async () => {
      await append(
        [],
        Buffer.concat([
          plainMail({
            from: 'big@bailleur-44.example.org',
            subject: 'énorme',
            messageId: uniqueId('big'),
          }),
          Buffer.alloc(60_000, 97),
        ]),
      );
      await append();
      const result = await sync();
      expect(result.outcomes).toEqual({ dead_letter: 1, created: 1 });
      const dead = await ctx.db
        .selectFrom('dead_letters')
        .select('reason')
        .where('mailbox_id', '=', mailboxId)
        .execute();
      expect(dead.some((d) => /left on the server/.test(d.reason))).toBe(true);
    });

    it('stops on a storage failure without moving the cursor, then takes everything once (F1, F10)', async () => {
      await append();
      await append();
      let puts = 0;
      // The second blob written fails, alone or within a batch (putMany).
      const written = (count: number) => {
        puts += count;
        if (puts >= 2 && puts - count < 2) throw new Error('disk full');
      };
      const failing: BlobStore = {
        ...deps.blobs,
        put: async (bytes) => {
          written(1);
          return deps.blobs.put(bytes);
        },
        putMany: async (items) => {
          written(items.length);
          return deps.blobs.putMany(items);
        },
      };
      await expect(sync({ deps: { ...deps, blobs: failing } })).rejects.toThrow('disk full');
      // The batch is stored whole or not at all: nothing of it before, both mails after.
      const after = await sync();
      expect(after.outcomes).toEqual({ created: 2 });
      expect(await countStored()).toBe(ids.length - 1); // the oversized one is a dead letter
    });

    it('re-fetches after a crash between commit and cursor without duplicates (F2)', async () => {
      await ctx.db
        .updateTable('imap_cursors')
        .set({ last_uid: 0 })
        .where('mailbox_id', '=', mailboxId)
        .where('folder', '=', account.folder)
        .execute();
      const before = await countStored();
      const result = await sync({ batchSize: 100 });
      expect(result.outcomes.created ?? 0).toBe(0);
      expect(await countStored()).toBe(before);
    });

    it('rescans a folder whose UIDVALIDITY changed, with zero duplicates (F7)', async () => {
      await ctx.db
        .updateTable('imap_cursors')
        .set({ uidvalidity: 1, last_uid: 999_999 })
        .where('mailbox_id', '=', mailboxId)
        .where('folder', '=', account.folder)
        .execute();
      const before = await countStored();
      const result = await sync({ batchSize: 100 });
      expect(result.rescanned).toBe(true);
      expect(result.outcomes.duplicate).toBeGreaterThan(0);
      expect(await countStored()).toBe(before);
    });

    it('lets one of two workers sync a folder at a time, and never stores a mail twice (F3)', async () => {
      for (let i = 0; i < 3; i++) await append();
      const other = imapClient(account);
      await other.connect();
      try {
        const results = await Promise.all([
          sync({ workerId: 'a' }),
          sync({ workerId: 'b' }, other),
        ]);
        const created = results.reduce((n, r) => n + (r.outcomes.created ?? 0), 0);
        expect(created).toBe(3);
      } finally {
        await other.logout();
      }
      expect(await countStored()).toBe(ids.length - 1);
    });

    it('keeps its connection state for the administrators: refused password, then connected', async () => {
      const stateOf = () =>
        ctx.db
          .selectFrom('mail_connection_checks')
          .select(['ok', 'reason'])
          .where('mailbox_id', '=', mailboxId)
          .where('kind', '=', 'imap')
          .executeTakeFirst();
      const run =
        (which: ImapAccount, expected: { ok: boolean; reason: string | null }) => async () => {
          const stop = new AbortController();
          const worker = runImapWorker(
            {
              deps,
              mailboxId,
              account: which,
              workerId: 'health',
              allowedHosts: parseMailAllowance('127.0.0.1'),
              onHealth: imapHealthRecorder(ctx.db, mailboxId, which),
            },
            stop.signal,
          );
          try {
            await waitFor(
              async () => {
                const state = await stateOf();
                return state?.ok === expected.ok && state.reason === expected.reason
                  ? state
                  : undefined;
              },
              `IMAP state ${JSON.stringify(expected)}`,
            );
          } finally {
            stop.abort();
            await worker;
          }
        };
      await run({ ...account, pass: 'not-the-password' }, { ok: false, reason: 'auth' })();
      await run(account, { ok: true, reason: null })();
    });

    it('wakes on IDLE when mail arrives, long before the next poll', async () => {
      const stop = new AbortController();
      const worker = runImapWorker(
        {
          deps,
          mailboxId,
          account,
          workerId: 'idle',
          pollMs: 60_000,
          // The test server is on this machine: allowed explicitly, as MAIL_ALLOWED_HOSTS would.
          allowedHosts: parseMailAllowance('127.0.0.1'),
        },
        stop.signal,
      );
      try {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const id = await append();
        const deadline = Date.now() + 10_000;
        let found = false;
        while (!found && Date.now() < deadline) {
          found =
            (await ctx.db
              .selectFrom('messages')
              .select('id')
              .where('message_id', '=', id)
              .executeTakeFirst()) !== undefined;
          if (!found) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(found).toBe(true);
      } finally {
        stop.abort();
        await worker;
      }
    });
  });
});
