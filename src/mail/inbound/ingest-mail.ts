/**
 * The inbound pipeline, shared by the SMTP listener, IMAP sync and
 * reprocessing (issue 5 §1):
 *
 *   raw bytes → blob store (durable first) → parse → classify → thread and
 *   store in one transaction
 *
 * Exactly once: (mailbox, Message-ID) is unique — a hash of the raw bytes
 * stands in for a missing Message-ID — so a redelivered or re-fetched mail is a
 * no-op ('duplicate'). Mail that cannot be taken in becomes a dead letter and
 * the caller goes on with the next one. Database errors are thrown: the caller
 * must not acknowledge the mail (SMTP 4xx, IMAP cursor not advanced).
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadMailboxMail, type MailboxMail } from '../../domain/mailboxes/mailbox-mail.ts';
import { erasedMessageId } from '../../domain/privacy/erased-message-id.ts';
import type { MailSigner } from '../../domain/signing/mail-signer.ts';
import type { BlobStore, StoredBlob } from '../../storage/blob-store.ts';
import { classifyMail, type MailClass } from './classify-mail.ts';
import { type DeadLetterSource, recordDeadLetter } from './dead-letters.ts';
import {
  defaultParseLimits,
  type ParsedAttachment,
  type ParsedInbound,
  parseMail,
  UnprocessableMailError,
} from './parse-mail.ts';
import { storeBounceIn } from './store-bounce.ts';
import { type StoredAttachment, storeInboundIn } from './store-inbound.ts';

export type InboundDeps = {
  db: Kysely<DB>;
  blobs: BlobStore;
  signer: MailSigner;
  /** Largest mail accepted, in bytes (RELIABILITY #14). */
  maxBytes: number;
  now?: () => Date;
  /**
   * Keep a mailbox's addresses and settings this long between mails (the
   * listener under load); settings changes then apply after this delay. 0 = always read.
   */
  mailboxCacheMs?: number;
  /**
   * Group-commit transactions the SMTP listener runs at once (default 1).
   * 2 is allowed on the PostgreSQL server (PGlite has one connection: keep 1);
   * it did not measurably pay in the issue-22 bench, so the application keeps 1.
   */
  smtpCommitsInFlight?: number;
};

const mailboxCache = new WeakMap<InboundDeps, Map<string, { at: number; value: MailboxMail }>>();

export async function mailboxOf(deps: InboundDeps, mailboxId: string): Promise<MailboxMail> {
  const ttl = deps.mailboxCacheMs ?? 0;
  if (ttl <= 0) return loadMailboxMail(deps.db, mailboxId);
  let cache = mailboxCache.get(deps);
  if (!cache) {
    cache = new Map();
    mailboxCache.set(deps, cache);
  }
  const hit = cache.get(mailboxId);
  if (hit && Date.now() - hit.at < ttl) return hit.value;
  const value = await loadMailboxMail(deps.db, mailboxId);
  cache.set(mailboxId, { at: Date.now(), value });
  return value;
}

export type IngestOutcome =
  | {
      status: 'created' | 'appended';
      ticketId: number;
      messageId: number;
      flags: Record<string, unknown>;
    }
  | { status: 'bounce'; ticketId: number; messageId: number }
  | { status: 'duplicate'; messageId: string }
  | { status: 'dropped'; reason: string }
  | { status: 'dead_letter'; deadLetterId: number; reason: string };

export type IngestInput = { raw: Buffer; mailboxId: string; source: DeadLetterSource };

/** Display names of attachments: no path, no control or bidi characters, at most 255 characters. */
export function safeFilename(name: string | null, contentType: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/\p{Cc}|\p{Cf}/gu, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(-255);
  if (cleaned) return cleaned;
  return contentType === 'application/ms-tnef' ? 'winmail.dat' : 'attachment';
}

export const isUniqueViolation = (error: unknown): boolean =>
  (error as { code?: string } | undefined)?.code === '23505';

/** The attachment rows of `parts`, whose bytes are stored as `blobs` (same order). */
export function describeAttachments(
  parts: ParsedAttachment[],
  blobs: StoredBlob[],
): StoredAttachment[] {
  return parts.map((part, i) => {
    const blob = blobs[i];
    if (!blob) throw new Error('an attachment was not stored');
    return {
      filename: safeFilename(part.filename, part.contentType),
      contentType: part.contentType.slice(0, 200),
      size: blob.size,
      sha256: blob.sha256,
      contentId: part.contentId?.slice(0, 500) ?? null,
      inline: part.inline,
    };
  });
}

/** Stores the attachments' bytes (one blob-store batch: shared syncs) and describes them. */
export async function putAttachments(
  blobs: BlobStore,
  parts: ParsedAttachment[],
): Promise<StoredAttachment[]> {
  return describeAttachments(parts, await blobs.putMany(parts.map((p) => p.content)));
}

async function alreadyStored(
  db: Kysely<DB>,
  mailboxId: string,
  messageId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('messages')
    .select('id')
    .where('mailbox_id', '=', mailboxId)
    // An erased ticket keeps the id's digest: a copy delivered again is still a duplicate.
    .where('message_id', 'in', [messageId, erasedMessageId(messageId)])
    .executeTakeFirst();
  return row !== undefined;
}

/** A mail read, parsed and classified, its raw bytes durable in the blob store; nothing in the database yet. */
export type PreparedMail =
  | { kind: 'dead'; input: IngestInput; sha256: string; reason: string }
  | { kind: 'dropped'; input: IngestInput; reason: string }
  | {
      kind: 'mail';
      input: IngestInput;
      sha256: string;
      mail: ParsedInbound;
      mailClass: Exclude<MailClass, { kind: 'own' }>;
    };

/**
 * The steps before the database: raw bytes to the store (while parsing), size
 * limit, parse, classify. Unprocessable mail becomes `dead`, our own mail coming
 * back `dropped`; storage errors are thrown. With `deferRaw` the raw bytes are
 * NOT stored: the caller stores them before any row points at them (a batch
 * does it for all its mails at once, see `storePreparedBatch`).
 */
export async function prepareMail(
  deps: InboundDeps,
  input: IngestInput,
  options: { deferRaw?: boolean } = {},
): Promise<PreparedMail> {
  // The raw bytes go to the store while the mail is parsed; nothing is
  // committed (and no SMTP 250 sent) before that write is durable.
  const sha256 = createHash('sha256').update(input.raw).digest('hex');
  const rawStored = options.deferRaw ? Promise.resolve() : deps.blobs.put(input.raw);
  rawStored.catch(() => {}); // awaited below; this only prevents an unhandled rejection meanwhile
  const dead = async (reason: string): Promise<PreparedMail> => {
    await rawStored;
    return { kind: 'dead', input, sha256, reason };
  };
  if (input.raw.length > deps.maxBytes) return dead(`larger than ${deps.maxBytes} bytes`);
  let mail: ParsedInbound;
  try {
    mail = await parseMail(input.raw, sha256, defaultParseLimits);
  } catch (error) {
    if (error instanceof UnprocessableMailError) return dead(error.message);
    throw error;
  }
  await rawStored;
  const mailClass = classifyMail(mail, deps.signer, input.raw);
  if (mailClass.kind === 'own')
    return { kind: 'dropped', input, reason: 'our own mail came back (loop)' };
  return { kind: 'mail', input, sha256, mail, mailClass };
}

/**
 * Writes a prepared mail in `trx`: its dead letter, its bounce, or its ticket
 * and message (attachments already stored by `putAttachments`).
 */
export async function commitPrepared(
  trx: Transaction<DB>,
  deps: InboundDeps,
  prepared: Exclude<PreparedMail, { kind: 'dropped' }>,
  stored: { mailbox?: MailboxMail; attachments: StoredAttachment[] },
  now: Date,
): Promise<IngestOutcome> {
  const { input } = prepared;
  const dead = async (reason: string): Promise<IngestOutcome> => {
    const id = await recordDeadLetter(trx, {
      mailboxId: input.mailboxId,
      rawSha256: prepared.sha256,
      source: input.source,
      reason,
    });
    return { status: 'dead_letter', deadLetterId: id, reason };
  };
  if (prepared.kind === 'dead') return dead(prepared.reason);
  const { mail, mailClass } = prepared;
  if (mailClass.kind === 'bounce') {
    const stored = await storeBounceIn(trx, {
      mailboxId: input.mailboxId,
      mail,
      bounce: mailClass.bounce,
      rawSha256: prepared.sha256,
      receivedAt: now,
    });
    if (!stored) return dead('delivery report for no mail of ours');
    return { status: 'bounce', ...stored };
  }
  if (!stored.mailbox) throw new Error('the mailbox of a mail is read before its transaction');
  const result = await storeInboundIn(trx, {
    mailbox: stored.mailbox,
    mail,
    mailClass,
    rawSha256: prepared.sha256,
    attachments: stored.attachments,
    receivedAt: now,
    signer: deps.signer,
  });
  return {
    status: result.outcome,
    ticketId: result.ticketId,
    messageId: result.messageId,
    flags: result.flags,
  };
}

/** Runs one raw mail through the pipeline for `mailboxId`. */
export async function ingestMail(deps: InboundDeps, input: IngestInput): Promise<IngestOutcome> {
  return storePrepared(deps, await prepareMail(deps, input));
}

/** Stores one prepared mail in its own transaction (a duplicate is a no-op). */
export async function storePrepared(
  deps: InboundDeps,
  prepared: PreparedMail,
): Promise<IngestOutcome> {
  const now = deps.now?.() ?? new Date();
  if (prepared.kind === 'dropped') return { status: 'dropped', reason: prepared.reason };
  if (prepared.kind === 'dead')
    return deps.db
      .transaction()
      .execute((trx) => commitPrepared(trx, deps, prepared, { attachments: [] }, now));
  const { mail, input } = prepared;
  if (await alreadyStored(deps.db, input.mailboxId, mail.messageId))
    return { status: 'duplicate', messageId: mail.messageId };
  try {
    const stored =
      prepared.mailClass.kind === 'bounce'
        ? { attachments: [] }
        : {
            mailbox: await mailboxOf(deps, input.mailboxId),
            attachments: await putAttachments(deps.blobs, mail.attachments),
          };
    return await deps.db
      .transaction()
      .execute((trx) => commitPrepared(trx, deps, prepared, stored, now));
  } catch (error) {
    // Another worker stored the same mail between our check and our insert.
    if (isUniqueViolation(error)) return { status: 'duplicate', messageId: mail.messageId };
    throw error;
  }
}

/** A mail above the size limit, known by its header block only: a dead letter, nothing else. */
export async function recordOversized(
  deps: InboundDeps,
  input: { headers: Buffer; size: number; mailboxId: string; source: DeadLetterSource },
): Promise<IngestOutcome> {
  const { sha256 } = await deps.blobs.put(input.headers);
  const reason = `${input.size} bytes, above the limit of ${deps.maxBytes}: left on the server (headers kept)`;
  const id = await recordDeadLetter(deps.db, {
    mailboxId: input.mailboxId,
    rawSha256: sha256,
    source: input.source,
    reason,
  });
  return { status: 'dead_letter', deadLetterId: id, reason };
}

/** Reprocesses a dead letter through the pipeline; resolves it unless it fails again. */
export async function reprocessDeadLetter(deps: InboundDeps, id: number): Promise<IngestOutcome> {
  const row = await deps.db
    .selectFrom('dead_letters')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row?.mailbox_id) return { status: 'dropped', reason: 'no such dead letter' };
  const raw = await deps.blobs.get(row.raw_sha256);
  const outcome = await ingestMail(
    { ...deps, maxBytes: Math.max(deps.maxBytes, raw.length) },
    {
      raw,
      mailboxId: row.mailbox_id,
      source: 'reprocess',
    },
  );
  if (outcome.status !== 'dead_letter')
    await deps.db
      .updateTable('dead_letters')
      .set({ resolved_at: new Date() })
      .where('id', '=', id)
      .execute();
  return outcome;
}
