/**
 * IMAP sync of one mailbox folder (issue 5 §1), one batch at a time:
 *
 *   lease → SELECT folder → UIDVALIDITY check → header-first FETCH of UIDs
 *   above the cursor (UID, size; capped batch) → for each, in UID order:
 *   full FETCH → pipeline (commit) → \Seen → cursor = UID
 *
 * Nothing on the server changes before the commit (I2); "unseen" and date
 * windows are never used, so mail read in webmail first (F8) or during a long
 * outage (F6) is still taken in. A database error stops the batch with the
 * cursor on the last committed mail; the next sync resumes there.
 */
import { ImapFlow } from 'imapflow';
import { acquireCursor, advanceCursor, releaseCursor } from './imap-cursor.ts';
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
    // IDLE soon after each sync, so new mail wakes the worker within a second.
    autoIdleDelay: 1000,
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
    const uids = above.slice(0, options.batchSize ?? 50);
    const sizes = new Map<number, number>();
    if (uids.length > 0) {
      for await (const msg of client.fetch(
        uids.join(','),
        { uid: true, size: true },
        { uid: true },
      ))
        sizes.set(msg.uid, msg.size ?? 0);
    }
    const batch = uids.map((uid) => ({ uid, size: sizes.get(uid) ?? 0 }));
    result.more = above.length > batch.length;
    for (const { uid, size } of batch) {
      const tooBig = size > deps.maxBytes;
      const query = tooBig ? { headers: true } : { source: true };
      const message = await client.fetchOne(String(uid), { uid: true, ...query }, { uid: true });
      if (!message) continue;
      // Too big (RELIABILITY #14): its header block goes to the dead letters, the mail stays on the server.
      const outcome = tooBig
        ? await recordOversized(deps, {
            headers: message.headers ?? Buffer.alloc(0),
            size,
            mailboxId,
            source: 'imap',
          })
        : await ingestMail(deps, {
            raw: message.source ?? Buffer.alloc(0),
            mailboxId,
            source: 'imap',
          });
      result.fetched += 1;
      result.outcomes[outcome.status] = (result.outcomes[outcome.status] ?? 0) + 1;
      if (options.markSeen !== false)
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      cursor.lastUid = uid;
      await advanceCursor(deps.db, key, cursor);
    }
    return result;
  } finally {
    lock.release();
    await releaseCursor(deps.db, key, options.workerId).catch(() => {});
  }
}
