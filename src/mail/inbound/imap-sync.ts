/**
 * IMAP sync of one mailbox folder (issues 5 §1 and 22), one batch at a time:
 *
 *   lease → SELECT folder → UIDVALIDITY check → header-first FETCH of UIDs
 *   above the cursor (UID, size; batch capped in count and bytes) → one FETCH
 *   of the batch's bodies (streamed) → pipeline for the whole batch, parsed
 *   concurrently, stored in ONE transaction that also moves the cursor to the
 *   batch's last UID (ingest-batch.ts) → \Seen on the batch
 *
 * A crash before the commit leaves neither mail nor cursor: the batch is
 * fetched again and stored once. When the batch transaction fails, the same
 * mail is taken one at a time (cursor moved after each), which isolates a
 * faulty mail and stops on a database outage with the cursor on the last
 * committed mail.
 * Nothing on the server changes before the commit (I2); "unseen" and date
 * windows are never used, so mail read in webmail first (F8) or during a long
 * outage (F6) is still taken in. A database error stops the batch with the
 * cursor on the last committed mail; the next sync resumes there.
 */
import { ImapFlow } from 'imapflow';
import { acquireCursor, advanceCursor, releaseCursor } from './imap-cursor.ts';
import { BatchWriteError, ingestMailBatch } from './ingest-batch.ts';
import { type InboundDeps, ingestMail, recordOversized } from './ingest-mail.ts';

export type ImapAccount = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  folder: string;
};

export type ImapSyncOptions = {
  deps: InboundDeps;
  mailboxId: string;
  account: ImapAccount;
  /** Identifies this worker in the lease. */
  workerId: string;
  batchSize?: number;
  leaseMs?: number;
  /** Set \Seen on the server after the commit (default true). */
  markSeen?: boolean;
};

export type ImapSyncResult = {
  skipped: boolean;
  rescanned: boolean;
  fetched: number;
  outcomes: Record<string, number>;
  /** More mail waits above the batch cap. */
  more: boolean;
};

/** Bytes of mail fetched at once at most (the sizes the server announced). */
const batchBytes = 32 * 1024 * 1024;

/** The head of `batch` whose mail fits in `batchBytes` (at least one; oversized mail counts nothing). */
function capped<T extends { size: number }>(batch: T[], maxBytes: number): T[] {
  let total = 0;
  let n = 0;
  for (const m of batch) {
    const bytes = m.size > maxBytes ? 0 : m.size;
    if (n > 0 && total + bytes > batchBytes) break;
    total += bytes;
    n += 1;
  }
  return batch.slice(0, n);
}

/** Opens an ImapFlow client for `account` (TLS certificates verified). */
export function imapClient(account: ImapAccount, address?: string): ImapFlow {
  return new ImapFlow({
    // The checked address (config/mail-host-guard.ts) when given; the name stays for TLS.
    host: address ?? account.host,
    ...(address !== undefined && address !== account.host ? { servername: account.host } : {}),
    port: account.port,
    secure: account.secure,
    auth: { user: account.user, pass: account.pass },
    logger: false,
    // IDLE right after each sync (0.1 s), so new mail wakes the worker at once.
    autoIdleDelay: 100,
    // Without implicit TLS, insist on STARTTLS except on this machine (test servers).
    doSTARTTLS: account.secure
      ? undefined
      : account.host !== '127.0.0.1' && account.host !== 'localhost',
  });
}

/**
 * Syncs one batch with an already connected `client`. Returns `skipped` when
 * another worker holds the folder's lease.
 */
export async function syncImapOnce(
  client: ImapFlow,
  options: ImapSyncOptions,
): Promise<ImapSyncResult> {
  const { deps, mailboxId, account } = options;
  const key = { mailboxId, folder: account.folder };
  const result: ImapSyncResult = {
    skipped: false,
    rescanned: false,
    fetched: 0,
    outcomes: {},
    more: false,
  };
  const cursor = await acquireCursor(deps.db, key, options.workerId, options.leaseMs ?? 120_000);
  if (!cursor) return { ...result, skipped: true };
  const lock = await client.getMailboxLock(account.folder);
  try {
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error('IMAP folder not selected');
    const uidvalidity = Number(mailbox.uidValidity);
    if (cursor.uidvalidity !== uidvalidity) {
      result.rescanned = cursor.uidvalidity !== 0;
      cursor.uidvalidity = uidvalidity;
      cursor.lastUid = 0;
      await advanceCursor(deps.db, key, cursor);
    }
    if (mailbox.exists === 0) return result;
    // Header first: the UIDs above the cursor (UID SEARCH), then the sizes of one capped
    // batch, then each mail whole, one at a time.
    const found = await client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true });
    // `n:*` also matches the highest UID when it is below n.
    const above = (found || []).filter((uid) => uid > cursor.lastUid).sort((a, b) => a - b);
    const uids = above.slice(0, options.batchSize ?? 200);
    const sizes = new Map<number, number>();
    if (uids.length > 0) {
      for await (const msg of client.fetch(
        uids.join(','),
        { uid: true, size: true },
        { uid: true },
      ))
        sizes.set(msg.uid, msg.size ?? 0);
    }
    const batch = capped(
      uids.map((uid) => ({ uid, size: sizes.get(uid) ?? 0 })),
      deps.maxBytes,
    );
    result.more = above.length > batch.length;
    const count = (status: string) => {
      result.fetched += 1;
      result.outcomes[status] = (result.outcomes[status] ?? 0) + 1;
    };
    // Too big (RELIABILITY #14): its header block goes to the dead letters, the mail stays on the server.
    const fitting: number[] = [];
    for (const { uid, size } of batch) {
      if (size <= deps.maxBytes) {
        fitting.push(uid);
        continue;
      }
      const message = await client.fetchOne(
        String(uid),
        { uid: true, headers: true },
        { uid: true },
      );
      if (!message) continue;
      const outcome = await recordOversized(deps, {
        headers: message.headers ?? Buffer.alloc(0),
        size,
        mailboxId,
        source: 'imap',
      });
      count(outcome.status);
    }
    // The rest in one FETCH, answers streamed as they come.
    const sources = new Map<number, Buffer>();
    if (fitting.length > 0)
      for await (const msg of client.fetch(
        fitting.join(','),
        { uid: true, source: true },
        { uid: true },
      ))
        sources.set(msg.uid, msg.source ?? Buffer.alloc(0));
    const fetched = fitting.filter((uid) => sources.has(uid));
    const last = batch.at(-1)?.uid;
    if (last === undefined) return result;
    const inputs = fetched.map((uid) => ({
      raw: sources.get(uid) ?? Buffer.alloc(0),
      mailboxId,
      source: 'imap' as const,
    }));
    try {
      // The batch and the cursor in one transaction: committed together or not at all.
      const outcomes = await ingestMailBatch(deps, inputs, (trx) =>
        advanceCursor(trx, key, { ...cursor, lastUid: last }),
      );
      for (const outcome of outcomes) count(outcome.status);
      cursor.lastUid = last;
    } catch (error) {
      if (!(error instanceof BatchWriteError)) throw error;
      // One mail at a time finds the faulty one; the cursor stops before it.
      for (const uid of fetched) {
        const outcome = await ingestMail(deps, {
          raw: sources.get(uid) ?? Buffer.alloc(0),
          mailboxId,
          source: 'imap',
        });
        count(outcome.status);
        cursor.lastUid = uid;
        await advanceCursor(deps.db, key, cursor);
      }
      cursor.lastUid = last;
      await advanceCursor(deps.db, key, cursor);
    }
    if (options.markSeen !== false)
      await client.messageFlagsAdd(batch.map((m) => m.uid).join(','), ['\\Seen'], { uid: true });
    return result;
  } finally {
    lock.release();
    await releaseCursor(deps.db, key, options.workerId).catch(() => {});
  }
}
