/**
 * Keeps one mailbox folder in sync: IDLE (new mail wakes the worker at once)
 * with a polling fallback for servers or networks where IDLE is lost, and
 * reconnection with backoff. Each wake-up runs batches until the folder is
 * drained; the cursor lease makes several instances safe.
 */
import type { ImapFlow } from 'imapflow';
import {
  checkedMailAddress,
  type MailHostAllowance,
  noMailHostAllowance,
} from '../../config/mail-host-guard.ts';
import { type ImapAccount, imapClient, syncImapOnce } from './imap-sync.ts';
import type { InboundDeps } from './ingest-mail.ts';

export type ImapWorkerOptions = {
  deps: InboundDeps;
  mailboxId: string;
  account: ImapAccount;
  workerId: string;
  /** Poll at least this often even without IDLE notifications. */
  pollMs?: number;
  onError?: (error: unknown) => void;
  /** MAIL_ALLOWED_HOSTS: the account's host is checked before every connection (none when absent). */
  allowedHosts?: MailHostAllowance;
};

/** Starts the worker; `stop()` ends it and logs out. */
export function startImapWorker(options: ImapWorkerOptions): {
  stop(): Promise<void>;
  wake(): void;
} {
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let client: ImapFlow | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      let address: string;
      try {
        address = await checkedMailAddress(
          options.account.host,
          options.allowedHosts ?? noMailHostAllowance(),
        );
      } catch (error) {
        if (!stopped) options.onError?.(error);
        failures += 1;
        if (!stopped) await pause(Math.min(1000 * 2 ** failures, 60_000));
        continue;
      }
      client = imapClient(options.account, address);
      client.on('error', (error: unknown) => options.onError?.(error));
      client.on('exists', () => wakeUp?.());
      try {
        await client.connect();
        failures = 0;
        while (!stopped && client.usable) {
          let result = await syncImapOnce(client, options);
          while (result.more && !stopped) result = await syncImapOnce(client, options);
          await pause(options.pollMs ?? 60_000);
        }
      } catch (error) {
        if (!stopped) options.onError?.(error);
        failures += 1;
      } finally {
        await client.logout().catch(() => {});
      }
      if (!stopped) await pause(Math.min(1000 * 2 ** failures, 60_000));
    }
  })();
  return {
    wake: () => wakeUp?.(),
    async stop() {
      stopped = true;
      wakeUp?.();
      await client?.logout().catch(() => {});
      await loop;
    },
  };
}
