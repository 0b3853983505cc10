/**
 * The `webhooks` job of the runner (src/jobs/registry.ts, issue 21 §3): a poll
 * job, every second, back to back while there is work. Each pass fans the new
 * ticket events out to the subscriptions (fan-out.ts: one instance at a time,
 * a stored cursor) and sends what is due (deliver.ts: SKIP LOCKED and a lease,
 * in order per ticket, retries with backoff).
 */
import type { Kysely } from 'kysely';
import type { MailHostAllowance } from '../../config/mail-host-guard.ts';
import type { DB } from '../../db/schema.ts';
import type { PollJob } from '../../jobs/runner/types.ts';
import { type DeliveryPass, type DeliveryPolicy, deliverDue } from './deliver.ts';
import { type FanOutPass, fanOutEvents } from './fan-out.ts';
import { createWebhookSender, type WebhookSender } from './send-webhook.ts';

export function webhookJob(options: {
  db: Kysely<DB>;
  credentialsKey: Buffer | undefined;
  allowedHosts: MailHostAllowance;
  policy?: DeliveryPolicy;
  now?: () => Date;
  everyMs?: number;
  timeoutMs?: number;
  onPass?: (pass: { fanOut: FanOutPass; delivery: DeliveryPass }) => void;
}): PollJob & { close(): void } {
  let sender: WebhookSender | undefined;
  return {
    kind: 'poll',
    name: 'webhooks',
    everyMs: options.everyMs ?? 1_000,
    maxBackoffMs: 60_000,
    async run() {
      sender ??= createWebhookSender({
        allowedHosts: options.allowedHosts,
        timeoutMs: options.timeoutMs,
      });
      const fanOut = await fanOutEvents(options.db);
      const delivery = await deliverDue({
        db: options.db,
        credentialsKey: options.credentialsKey,
        sender,
        policy: options.policy,
        now: options.now,
      });
      options.onPass?.({ fanOut, delivery });
      return fanOut.more || delivery.claimed > 0;
    },
    close() {
      sender?.close();
      sender = undefined;
    },
  };
}
