/**
 * Sends the outbox. Workers (one per instance, any number of instances) claim
 * due rows with `SELECT … FOR UPDATE SKIP LOCKED`, so two never send the same
 * row at once; a claim is a lease: a worker that dies mid-send leaves the row
 * `sending` until the lease ends, then another resends it with the same
 * Message-ID (the one documented duplicate, RELIABILITY F5).
 *
 * Outcomes: 250 → sent; 5xx or a bad address → failed at once; anything else
 * (relay down, 4xx, timeout) → retried with exponential backoff, failed after
 * `maxAttempts`. A failed reply shows on its ticket as a `delivery_failed` event.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadMailboxMail } from '../../domain/mailboxes/mailbox-mail.ts';
import { recordTicketEvent } from '../../domain/tickets/events/record-events.ts';
import type { PollJob } from '../../jobs/runner/types.ts';
import type { DeliveryFailureCategory } from '../../shared/workspace-contracts.ts';
import { composeMail } from './compose-mail.ts';
import { type ComposeDeps, type OutboxRow, PermanentSendError } from './compose-types.ts';
import { failureOf } from './connection-test.ts';
import type { TransportFor } from './transport.ts';

export type OutboxDeps = ComposeDeps & {
  transportFor: TransportFor;
  maxAttempts?: number;
  /** Delay before attempt n+1 after n failures. */
  backoffMs?: (attempts: number) => number;
  leaseMs?: number;
};

/** 30 s after the first failure, doubling, at most an hour. */
export const defaultBackoffMs = (attempts: number): number =>
  Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

export type OutboxRun = { sent: number; retried: number; failed: number };

/** Claims up to `limit` due rows for this worker (lease of `leaseMs`). */
export async function claimOutbox(
  db: Kysely<DB>,
  limit: number,
  leaseMs: number,
): Promise<OutboxRow[]> {
  const { rows } = await sql<OutboxRow>`
    update outbox set status = 'sending', attempts = attempts + 1,
      locked_until = now() + ${`${leaseMs} milliseconds`}::interval
    where id in (
      select id from outbox
      where (status = 'queued' and next_attempt_at <= now())
         or (status = 'sending' and locked_until < now())
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked)
    returning *`.execute(db);
  return rows;
}

const smtpCode = (error: unknown): number | undefined => {
  const code = (error as { responseCode?: unknown } | undefined)?.responseCode;
  return typeof code === 'number' ? code : undefined;
};

/** A reason for people: the SMTP answer or the error's message, never the mail's content. */
const reasonOf = (error: unknown): string => {
  const response = (error as { response?: unknown } | undefined)?.response;
  const text = typeof response === 'string' ? response : (error as Error).message;
  return String(text).replaceAll('\0', '').slice(0, 500);
};

/**
 * What kind of failure a sending error is, for agents (issue 16 §2): the relay's own words
 * may come from a host inside the network and are kept for administrators only.
 */
const categoryOf = (error: unknown): DeliveryFailureCategory =>
  smtpCode(error) !== undefined ? 'rejected' : failureOf(error);

async function markFailed(
  db: Kysely<DB>,
  row: OutboxRow,
  reason: string,
  category: DeliveryFailureCategory,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ status: 'failed', last_error: reason, locked_until: null })
      .where('id', '=', row.id)
      .execute();
    // Account mail (invitations, resets) has no ticket to show the failure on.
    if (row.ticket_id === null) return;
    await trx
      .insertInto('messages')
      .values({
        ticket_id: row.ticket_id,
        mailbox_id: row.mailbox_id,
        kind: 'event',
        event_type: 'delivery_failed',
        event_data: JSON.stringify({
          outbox_id: row.id,
          kind: row.kind,
          reason,
          category,
          original_message_id: row.rfc_message_id,
        }),
        created_at: new Date(),
        flags: { delivery_failed: true },
      })
      .execute();
    // The worker gave up: a final failure of the reply (the acknowledgement has no message).
    await recordTicketEvent(
      trx,
      { kind: 'system' },
      {
        type: 'message.delivery_failed',
        ticketId: row.ticket_id,
        mailboxId: row.mailbox_id,
        data: { messageId: row.message_id, final: true },
      },
    );
  });
}

async function sendOne(deps: OutboxDeps, row: OutboxRow): Promise<keyof OutboxRun> {
  const { db } = deps;
  try {
    const mail = await composeMail(deps, row);
    const transport = deps.transportFor(await loadMailboxMail(db, row.mailbox_id));
    await transport.sendMail({ envelope: mail.envelope, raw: mail.raw });
    await db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: new Date(), last_error: null, locked_until: null })
      .where('id', '=', row.id)
      .execute();
    return 'sent';
  } catch (error) {
    const code = smtpCode(error);
    const reason = reasonOf(error);
    if (
      error instanceof PermanentSendError ||
      (code !== undefined && code >= 500) ||
      row.attempts >= (deps.maxAttempts ?? 8)
    ) {
      await markFailed(db, row, reason, categoryOf(error));
      return 'failed';
    }
    const delay = (deps.backoffMs ?? defaultBackoffMs)(row.attempts);
    await db
      .updateTable('outbox')
      .set({
        status: 'queued',
        last_error: reason,
        locked_until: null,
        next_attempt_at: new Date(Date.now() + delay),
      })
      .where('id', '=', row.id)
      .execute();
    return 'retried';
  }
}

/** Claims and sends one batch; rows are sent concurrently, one failure never blocks the others. */
export async function runOutboxOnce(deps: OutboxDeps, limit = 20): Promise<OutboxRun> {
  const rows = await claimOutbox(deps.db, limit, deps.leaseMs ?? 120_000);
  const run: OutboxRun = { sent: 0, retried: 0, failed: 0 };
  const results = await Promise.all(rows.map((row) => sendOne(deps, row)));
  for (const r of results) run[r] += 1;
  return run;
}

/**
 * The outbox as a poll job of the runner (src/jobs/registry.ts): a batch
 * whenever woken (`runner.wake('outbox')` after a reply is written), batches
 * back to back while rows were due, and at least every `intervalMs`. Errors
 * (database down) are reported and the loop goes on.
 */
export function outboxJob(deps: OutboxDeps, intervalMs = 2_000): PollJob {
  return {
    kind: 'poll',
    name: 'outbox',
    everyMs: intervalMs,
    async run() {
      const run = await runOutboxOnce(deps);
      return run.sent + run.retried + run.failed > 0;
    },
  };
}
