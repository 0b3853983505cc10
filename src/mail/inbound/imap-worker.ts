/**
 * Keeps one mailbox folder in sync: IDLE (new mail wakes the worker at once)
 * with a polling fallback for servers or networks where IDLE is lost, and
 * reconnection with backoff. Each wake-up runs batches until the folder is
 * drained; the cursor lease makes several workers safe.
 *
 * In `guichet serve` it is the per-key job `imap` of the runner
 * (src/jobs/registry.ts): one worker per mailbox with IMAP enabled, held by
 * one instance through a lease renewed by heartbeat and taken over by another
 * instance within a lease (30 s) when its holder stops or dies.
 */
import os from 'node:os';
import type { ImapFlow } from 'imapflow';
import type { Kysely } from 'kysely';
import {
  checkedMailAddress,
  type MailHostAllowance,
  noMailHostAllowance,
} from '../../config/mail-host-guard.ts';
import type { DB } from '../../db/schema.ts';
import { recordConnectionCheck } from '../../domain/mailboxes/mail-health.ts';
import type { PerKeyJob } from '../../jobs/runner/types.ts';
import { failureOf } from '../outbound/connection-test.ts';
import { imapAccountOf } from './imap-account.ts';
import { type ImapAccount, imapClient, syncImapOnce } from './imap-sync.ts';
import type { InboundDeps } from './ingest-mail.ts';

export type ImapWorkerOptions = {
  deps: InboundDeps;
  mailboxId: string;
  account: ImapAccount;
  workerId: string;
  /** Poll at least this often even without IDLE notifications. */
  pollMs?: number;
  /**
   * The folder's cursor lease, renewed at every batch (default 30 s, the job's
   * lease): a worker killed in the middle of a batch holds the folder no longer
   * than its job lease (issue 16 §14; it was 120 s).
   */
  leaseMs?: number;
  /** Loopback, link-local… hosts the administrator allows (MAIL_ALLOWED_HOSTS); none by default. */
  allowedHosts?: MailHostAllowance;
  onError?: (error: unknown) => void;
  /** Told at each connection whether it succeeded (the administrators' mail banner, issue 15 §1). */
  onHealth?: (ok: boolean, error?: unknown) => void;
};

/** Runs the worker until `signal` aborts, then logs out. */
export async function runImapWorker(
  options: ImapWorkerOptions,
  signal: AbortSignal,
): Promise<void> {
  let wakeUp: (() => void) | undefined;
  /** New mail announced while a batch ran: the next pause ends at once. */
  let pending = false;
  let client: ImapFlow | undefined;
  const wake = () => {
    if (wakeUp) wakeUp();
    else pending = true;
  };
  const stop = () => {
    wakeUp?.();
    void client?.logout().catch(() => {});
  };
  signal.addEventListener('abort', stop);
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (pending) {
        pending = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  let failures = 0;
  const leaseMs = options.leaseMs ?? 30_000;
  try {
    while (!signal.aborted) {
      try {
        // Resolved and checked at every connection (config/mail-host-guard.ts); the client
        // connects to the checked address and keeps the name for TLS.
        const address = await checkedMailAddress(
          options.account.host,
          options.allowedHosts ?? noMailHostAllowance(),
        );
        const connected = imapClient(options.account, address);
        client = connected;
        connected.on('error', (error: unknown) => options.onError?.(error));
        connected.on('exists', wake);
        await connected.connect();
        failures = 0;
        options.onHealth?.(true);
        const sync = () => syncImapOnce(connected, { ...options, leaseMs });
        while (!signal.aborted && connected.usable) {
          let result = await sync();
          while (result.more && !signal.aborted) result = await sync();
          // A folder still held by a dead worker's cursor lease: look again soon, not at the next poll.
          const poll = options.pollMs ?? 60_000;
          if (!signal.aborted) await pause(result.skipped ? Math.min(poll, leaseMs / 10) : poll);
        }
      } catch (error) {
        if (!signal.aborted) {
          options.onError?.(error);
          options.onHealth?.(false, error);
        }
        failures += 1;
      } finally {
        await client?.logout().catch(() => {});
        client = undefined;
      }
      if (!signal.aborted) await pause(Math.min(1000 * 2 ** failures, 60_000));
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** The mailboxes whose IMAP settings are complete, with their accounts (the password decrypted). */
export async function imapMailboxes(
  db: Kysely<DB>,
  credentialsKey: Buffer | undefined,
): Promise<Map<string, ImapAccount>> {
  const settings = await db
    .selectFrom('mailbox_mail_settings')
    .selectAll()
    .where('imap_enabled', '=', true)
    .execute();
  const accounts = new Map<string, ImapAccount>();
  for (const row of settings) {
    const account = imapAccountOf(row, credentialsKey);
    if (account) accounts.set(row.mailbox_id, account);
  }
  return accounts;
}

/**
 * One IMAP worker per mailbox as a per-key job. The keys are read at every
 * look of the runner: a mailbox whose IMAP is turned on is picked up, one
 * turned off is let go. A worker reads its account when it starts: restart
 * after changing a mailbox's server or password.
 */
export function imapJob(options: {
  deps: InboundDeps;
  credentialsKey: Buffer | undefined;
  allowedHosts?: MailHostAllowance;
  onError: (account: ImapAccount, error: unknown) => void;
  leaseMs?: number;
}): PerKeyJob {
  const workerId = `${os.hostname()}:${process.pid}`;
  return {
    kind: 'per-key',
    name: 'imap',
    leaseMs: options.leaseMs ?? 30_000,
    keys: async () => [...(await imapMailboxes(options.deps.db, options.credentialsKey)).keys()],
    async run({ key, signal }) {
      const account = (await imapMailboxes(options.deps.db, options.credentialsKey)).get(key);
      if (!account) return;
      await runImapWorker(
        {
          deps: options.deps,
          mailboxId: key,
          account,
          workerId,
          leaseMs: options.leaseMs,
          allowedHosts: options.allowedHosts,
          onError: (error) => options.onError(account, error),
          onHealth: imapHealthRecorder(options.deps.db, key, account),
        },
        signal,
      );
    },
  };
}

/**
 * Keeps the worker's connection state where the set-up checklist and the administrators'
 * banner read it (the same row as "Tester la connexion"), written only when it changes.
 */
export function imapHealthRecorder(
  db: Kysely<DB>,
  mailboxId: string,
  account: ImapAccount,
): (ok: boolean, error?: unknown) => void {
  let last: string | undefined;
  return (ok, error) => {
    const reason = ok ? null : failureOf(error);
    if (last === String(reason)) return;
    last = String(reason);
    void recordConnectionCheck(db, mailboxId, {
      kind: 'imap',
      ok,
      via: 'mailbox',
      host: account.host,
      port: account.port,
      reason,
    }).catch(() => {
      last = undefined; // told again at the next connection
    });
  };
}
