/**
 * Sending webhook messages (issue 21 §3), a pass of the `webhooks` job:
 *
 * - claims due messages with SKIP LOCKED and a lease (`locked_until`), so two
 *   instances never send one message at the same time; only the pending message
 *   of the oldest event of each (subscription, ticket) is due: a later event of a
 *   ticket waits for the earlier one (in order per ticket);
 * - sends them side by side (send-webhook.ts), and records every attempt in the
 *   delivery log (response code, duration, error);
 * - a failure is retried with exponential backoff (5 s, 10 s, 20 s… at most an
 *   hour) until `maxAttempts`; a subscription whose attempts have all failed for
 *   `disableAfterMs` (a day) is switched off and the administrators are told
 *   (a notice through the outbox, and its state in the app).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { webhookTestType } from '../../shared/webhook-contracts.ts';
import { enqueueAdminNotice } from '../outbox/enqueue-notice.ts';
import { webhookSecret } from './manage-webhooks.ts';
import type { SendOutcome, WebhookSender } from './send-webhook.ts';

export type DeliveryPolicy = {
  /** The pause before attempt n+1 after n failures. */
  backoffMs: (failures: number) => number;
  maxAttempts: number;
  /** A subscription failing this long without a success is switched off. */
  disableAfterMs: number;
};

export const defaultDeliveryPolicy: DeliveryPolicy = {
  backoffMs: (failures) => Math.min(5_000 * 2 ** Math.max(0, failures - 1), 3_600_000),
  maxAttempts: 20,
  disableAfterMs: 24 * 3_600_000,
};

export type DeliveryDeps = {
  db: Kysely<DB>;
  credentialsKey: Buffer | undefined;
  sender: WebhookSender;
  policy?: DeliveryPolicy;
  /** The time now (tests move it). */
  now?: () => Date;
  /** Messages claimed per pass, and sent side by side. */
  batch?: number;
  leaseMs?: number;
};

export type DeliveryPass = {
  claimed: number;
  delivered: number;
  failed: number;
  disabled: string[];
};

type Claimed = { id: number; webhook_id: string; payload: unknown; attempts: number; type: string };
type Result = { row: Claimed; outcome: SendOutcome };

/** Claims up to `limit` due messages, the oldest pending one of each ticket only. */
async function claimDue(db: Kysely<DB>, now: Date, limit: number, leaseMs: number) {
  const until = new Date(now.getTime() + leaseMs);
  const result = await sql<Claimed>`
    update webhook_deliveries set locked_until = ${until}
    where id in (
      select d.id from webhook_deliveries d
      join webhooks w on w.id = d.webhook_id
      where d.status = 'pending' and w.enabled and d.next_attempt_at <= ${now}
        and (d.locked_until is null or d.locked_until < ${now})
        and (d.ticket_id is null or not exists (
          select 1 from webhook_deliveries e
          where e.webhook_id = d.webhook_id and e.ticket_id = d.ticket_id
            and e.status = 'pending' and e.event_id < d.event_id))
      order by d.id
      limit ${limit}
      for update of d skip locked)
    returning id, webhook_id, payload, attempts, type`.execute(db);
  return result.rows;
}

/** Runs `work` over `items`, `width` at a time. */
async function sideBySide<T, R>(items: T[], width: number, work: (item: T) => Promise<R>) {
  const results: R[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      results.push(await work(item));
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}

const noticeOf = (name: string, url: string, hours: number) => ({
  fr: {
    subject: `Webhook « ${name} » désactivé`,
    text: [
      `Le webhook « ${name} » (${url}) a été désactivé : ses envois échouent depuis ${hours} heures.`,
      'Les évènements en attente sont conservés. Vérifiez le service destinataire, envoyez un évènement de test, puis réactivez le webhook dans Guichet (Administration › Webhooks).',
    ].join('\n\n'),
  },
  en: {
    subject: `Webhook “${name}” switched off`,
    text: [
      `The webhook “${name}” (${url}) was switched off: its deliveries have failed for ${hours} hours.`,
      'Pending events are kept. Check the receiving service, send a test event, then switch the webhook on again in Guichet (Administration › Webhooks).',
    ].join('\n\n'),
  },
});

/** Records a pass's outcomes: the log, each message's state, each subscription's health. */
async function record(db: Kysely<DB>, results: Result[], now: Date, policy: DeliveryPolicy) {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_attempts')
      .values(
        results.map(({ row, outcome }) => ({
          delivery_id: row.id,
          webhook_id: row.webhook_id,
          at: now,
          status_code: outcome.statusCode,
          duration_ms: outcome.durationMs,
          error: outcome.error,
        })),
      )
      .execute();
    const ok = results.filter((r) => r.outcome.ok);
    const failed = results.filter((r) => !r.outcome.ok);
    for (const { row, outcome } of failed) {
      const attempts = row.attempts + 1;
      const final = row.type === webhookTestType || attempts >= policy.maxAttempts;
      await trx
        .updateTable('webhook_deliveries')
        .set({
          attempts,
          locked_until: null,
          last_status_code: outcome.statusCode,
          last_error: outcome.error,
          ...(final
            ? { status: 'failed', finished_at: now }
            : { next_attempt_at: new Date(now.getTime() + policy.backoffMs(attempts)) }),
        })
        .where('id', '=', row.id)
        .execute();
    }
    // The successes in one statement per response code (usually one).
    const byCode = new Map<number | null, number[]>();
    for (const { row, outcome } of ok)
      byCode.set(outcome.statusCode, [...(byCode.get(outcome.statusCode) ?? []), row.id]);
    for (const [code, ids] of byCode)
      await trx
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          status: 'delivered',
          attempts: eb('attempts', '+', 1),
          locked_until: null,
          last_status_code: code,
          last_error: null,
          finished_at: now,
        }))
        .where('id', 'in', ids)
        .execute();
    const failing = [
      ...new Set(failed.filter((r) => r.row.type !== webhookTestType).map((r) => r.row.webhook_id)),
    ];
    const healthy = [
      ...new Set(ok.filter((r) => r.row.type !== webhookTestType).map((r) => r.row.webhook_id)),
    ];
    if (failing.length > 0)
      await trx
        .updateTable('webhooks')
        .set({ failing_since: now })
        .where('id', 'in', failing)
        .where('failing_since', 'is', null)
        .execute();
    if (healthy.length > 0)
      await trx
        .updateTable('webhooks')
        .set({ failing_since: null })
        .where('id', 'in', healthy)
        .where('failing_since', 'is not', null)
        .execute();
    if (failing.length === 0) return [];
    const disabled = await trx
      .updateTable('webhooks')
      .set({ enabled: false, disabled_reason: 'failures', disabled_at: now, updated_at: now })
      .where('id', 'in', failing)
      .where('enabled', '=', true)
      .where('failing_since', '<=', new Date(now.getTime() - policy.disableAfterMs))
      .returning(['id', 'name', 'url'])
      .execute();
    const hours = Math.round(policy.disableAfterMs / 3_600_000);
    for (const hook of disabled) {
      await enqueueAdminNotice(trx, noticeOf(hook.name, hook.url, hours));
      await trx
        .insertInto('audit_events')
        .values({
          action: 'webhook.disabled',
          actor_label: 'system',
          target_type: 'webhook',
          target_id: hook.id,
          details: JSON.stringify({ reason: 'failures', hours }),
        })
        .execute();
    }
    return disabled.map((d) => d.id);
  });
}

/** Sends the given claimed messages and records them. */
export async function sendClaimed(
  deps: DeliveryDeps,
  rows: Claimed[],
  now: Date,
): Promise<{ results: Result[]; disabled: string[] }> {
  const policy = deps.policy ?? defaultDeliveryPolicy;
  if (rows.length === 0) return { results: [], disabled: [] };
  const hooks = await deps.db
    .selectFrom('webhooks')
    .select(['id', 'url', 'secret_encrypted'])
    .where('id', 'in', [...new Set(rows.map((r) => r.webhook_id))])
    .execute();
  const byId = new Map(hooks.map((h) => [h.id, h]));
  const secrets = new Map<string, string>();
  const results = await sideBySide(rows, 32, async (row): Promise<Result> => {
    const hook = byId.get(row.webhook_id);
    if (!hook || !deps.credentialsKey)
      return {
        row,
        outcome: {
          ok: false,
          statusCode: null,
          durationMs: 0,
          error: hook ? 'MAIL_CREDENTIALS_KEY is not set' : 'webhook removed',
        },
      };
    let secret = secrets.get(hook.id);
    if (secret === undefined) {
      secret = webhookSecret(deps.credentialsKey, hook);
      secrets.set(hook.id, secret);
    }
    const body = JSON.stringify(row.payload);
    const outcome = await deps.sender.send({ url: hook.url, secret, msgId: `msg_${row.id}`, body });
    return { row, outcome };
  });
  const disabled = await record(deps.db, results, now, policy);
  return { results, disabled };
}

/** One pass: claims what is due and sends it. */
export async function deliverDue(deps: DeliveryDeps): Promise<DeliveryPass> {
  const now = deps.now?.() ?? new Date();
  const rows = await claimDue(deps.db, now, deps.batch ?? 200, deps.leaseMs ?? 60_000);
  const { results, disabled } = await sendClaimed(deps, rows, now);
  const delivered = results.filter((r) => r.outcome.ok).length;
  return { claimed: rows.length, delivered, failed: results.length - delivered, disabled };
}

/** Sends a test message to a subscription now (once, never retried); its outcome. */
export async function sendTestMessage(deps: DeliveryDeps, webhookId: string): Promise<SendOutcome> {
  const now = deps.now?.() ?? new Date();
  const row = await deps.db
    .insertInto('webhook_deliveries')
    .values({
      webhook_id: webhookId,
      type: webhookTestType,
      payload: JSON.stringify({
        type: webhookTestType,
        timestamp: now.toISOString(),
        data: { webhookId },
      }),
      locked_until: new Date(now.getTime() + 60_000),
    })
    .returning(['id', 'webhook_id', 'payload', 'attempts', 'type'])
    .executeTakeFirstOrThrow();
  const { results } = await sendClaimed(deps, [row], now);
  const outcome = results[0]?.outcome;
  if (!outcome) throw new Error('the test message was not sent');
  return outcome;
}
