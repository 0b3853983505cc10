/**
 * Many inbound mails through the pipeline at once (issue 22), for the IMAP
 * worker's batches and the SMTP listener's group commit:
 *
 *   parse, all mails concurrently → which are already stored (one query) →
 *   raw bytes and attachments of the mails to write to the blob store, ONE
 *   batch (`putMany`: fsyncs at once, each folder once) → ONE transaction
 *   writing every mail in order (a reply threads onto a mail of the same
 *   batch) plus the caller's own writes (the IMAP cursor) → commit
 *
 * One commit (one fsync) per batch instead of one per mail; no row points at
 * a blob before the batch's blobs are durable. Exactly once per
 * mail: duplicates of stored mail, and a Message-ID seen twice in the batch,
 * are found before the transaction; a mail stored meanwhile by another worker
 * breaks the unique index and the whole batch is run again (the check then
 * sees it). A crash before the commit leaves nothing of the batch: the caller
 * must not acknowledge any of it (no 250, IMAP cursor not moved), so the
 * batch is taken again and stored once. A failed transaction is thrown as
 * `BatchWriteError`; callers then fall back to one mail at a time
 * (`ingestMail`), which isolates a faulty mail. Storage errors (blob store)
 * are thrown as they are, before any database write.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MailboxMail } from '../../domain/mailboxes/mailbox-mail.ts';
import {
  commitPrepared,
  describeAttachments,
  type InboundDeps,
  type IngestInput,
  type IngestOutcome,
  isUniqueViolation,
  mailboxOf,
  type PreparedMail,
  prepareMail,
} from './ingest-mail.ts';
import type { StoredAttachment } from './store-inbound.ts';
import { opensNewTicket, storeNewTicketsIn } from './store-inbound-batch.ts';

/** The batch's transaction failed (nothing of it was written); `cause` is the database's error. */
export class BatchWriteError extends Error {
  override name = 'BatchWriteError';
  constructor(cause: unknown) {
    super(`the batch transaction failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

const key = (mailboxId: string, messageId: string) => `${mailboxId}\n${messageId}`;

/** (mailbox, Message-ID) pairs of `mails` already stored. */
async function storedKeys(deps: InboundDeps, prepared: PreparedMail[]): Promise<Set<string>> {
  const byMailbox = new Map<string, string[]>();
  for (const p of prepared) {
    if (p.kind !== 'mail') continue;
    const ids = byMailbox.get(p.input.mailboxId) ?? [];
    ids.push(p.mail.messageId);
    byMailbox.set(p.input.mailboxId, ids);
  }
  const found = new Set<string>();
  for (const [mailboxId, ids] of byMailbox) {
    const rows = await deps.db
      .selectFrom('messages')
      .select('message_id')
      .where('mailbox_id', '=', mailboxId)
      .where('message_id', 'in', ids)
      .execute();
    for (const r of rows) if (r.message_id) found.add(key(mailboxId, r.message_id));
  }
  return found;
}

/**
 * Stores `inputs` in one transaction; outcomes in the order of `inputs`.
 * `inTransaction` runs last in that transaction (the IMAP cursor moves with the mail).
 */
export async function ingestMailBatch(
  deps: InboundDeps,
  inputs: IngestInput[],
  inTransaction?: (trx: Transaction<DB>) => Promise<void>,
): Promise<IngestOutcome[]> {
  const prepared = await Promise.all(
    inputs.map((input) => prepareMail(deps, input, { deferRaw: true })),
  );
  return storePreparedBatch(deps, prepared, { storeRaws: true, inTransaction });
}

/**
 * Makes durable, in ONE blob-store batch (shared fsyncs), what the rows about
 * to be written point at: the raw bytes of `raws` and the attachments of the
 * mails in `pending` not stored yet (recorded in `attachments`).
 */
async function storeBlobs(
  deps: InboundDeps,
  raws: PreparedMail[],
  pending: PreparedMail[],
  attachments: Map<PreparedMail, StoredAttachment[]>,
): Promise<void> {
  const withFiles = pending.flatMap((p) =>
    p.kind === 'mail' && p.mailClass.kind !== 'bounce' && !attachments.has(p) ? [p] : [],
  );
  if (raws.length === 0 && withFiles.length === 0) return;
  const stored = await deps.blobs.putMany([
    ...raws.map((p) => p.input.raw),
    ...withFiles.flatMap((p) => p.mail.attachments.map((a) => a.content)),
  ]);
  let k = raws.length;
  for (const p of withFiles) {
    const parts = p.mail.attachments;
    attachments.set(p, describeAttachments(parts, stored.slice(k, k + parts.length)));
    k += parts.length;
  }
}

/**
 * The database half of `ingestMailBatch`, for mail prepared as it arrived (the
 * SMTP listener). `storeRaws`: the mails were prepared with `deferRaw`, their
 * raw bytes are stored here (only those of mails about to be written).
 */
export async function storePreparedBatch(
  deps: InboundDeps,
  prepared: PreparedMail[],
  options: { storeRaws?: boolean; inTransaction?: (trx: Transaction<DB>) => Promise<void> } = {},
): Promise<IngestOutcome[]> {
  const now = deps.now?.() ?? new Date();
  const attachments = new Map<PreparedMail, StoredAttachment[]>();
  const rawsDone = new Set<PreparedMail>();
  const mailboxes = new Map<string, MailboxMail>();
  for (const p of prepared)
    if (p.kind === 'mail' && !mailboxes.has(p.input.mailboxId))
      mailboxes.set(p.input.mailboxId, await mailboxOf(deps, p.input.mailboxId));
  for (let attempt = 1; ; attempt++) {
    const stored = await storedKeys(deps, prepared);
    const outcomes: (IngestOutcome | undefined)[] = [];
    const toWrite: number[] = [];
    for (const [i, p] of prepared.entries()) {
      if (p.kind === 'dropped') outcomes[i] = { status: 'dropped', reason: p.reason };
      else if (p.kind === 'mail' && stored.has(key(p.input.mailboxId, p.mail.messageId)))
        outcomes[i] = { status: 'duplicate', messageId: p.mail.messageId };
      else {
        // the first of a Message-ID seen twice in the batch is written, the next ones are duplicates
        if (p.kind === 'mail') stored.add(key(p.input.mailboxId, p.mail.messageId));
        toWrite.push(i);
      }
    }
    const pending = toWrite.flatMap((i) => {
      const p = prepared[i];
      return p && p.kind !== 'dropped' ? [p] : [];
    });
    const raws = options.storeRaws ? pending.filter((p) => !rawsDone.has(p)) : [];
    await storeBlobs(deps, raws, pending, attachments);
    for (const p of raws) rawsDone.add(p);
    try {
      await deps.db.transaction().execute(async (trx) => {
        // Mail that can only open a ticket first, a statement per table for all of it;
        // then the rest one by one (a reply may thread onto a ticket just opened).
        const fresh = toWrite.flatMap((i) => {
          const p = prepared[i];
          if (p?.kind !== 'mail' || p.mailClass.kind === 'bounce') return [];
          const input = {
            mailbox: mailboxes.get(p.input.mailboxId) as MailboxMail,
            mail: p.mail,
            mailClass: p.mailClass,
            rawSha256: p.sha256,
            attachments: attachments.get(p) ?? [],
            receivedAt: now,
            signer: deps.signer,
          };
          return opensNewTicket(input) ? [{ i, input }] : [];
        });
        const opened = await storeNewTicketsIn(
          trx,
          fresh.map((f) => f.input),
        );
        for (const [k, f] of fresh.entries()) {
          const r = opened[k];
          if (r)
            outcomes[f.i] = {
              status: r.outcome,
              ticketId: r.ticketId,
              messageId: r.messageId,
              flags: r.flags,
            };
        }
        for (const i of toWrite) {
          const p = prepared[i];
          if (!p || p.kind === 'dropped' || outcomes[i]) continue;
          const stored = {
            mailbox: mailboxes.get(p.input.mailboxId),
            attachments: attachments.get(p) ?? [],
          };
          outcomes[i] = await commitPrepared(trx, deps, p, stored, now);
        }
        await options.inTransaction?.(trx);
      });
    } catch (error) {
      // Another worker stored one of these mails meanwhile: run the batch again without it.
      if (isUniqueViolation(error) && attempt < 3) continue;
      throw new BatchWriteError(error);
    }
    return outcomes.map((o) => o ?? { status: 'dropped', reason: 'not stored' });
  }
}
