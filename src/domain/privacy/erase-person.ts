/**
 * Erasing a person on request, everywhere: their tickets are anonymised as
 * retention would (the activity report keeps its figures), their contacts
 * emptied, raw mails and attachments mentioning them on other tickets
 * dropped, dead letters naming them deleted, login throttling keys removed,
 * and any remaining mention of the term in free text (audit details and
 * labels, outbox errors, other tickets' bodies…) replaced by `[effacé]`.
 * The result lists the traces still found afterwards (normally none).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import type { Actor } from '../audit/record-audit.ts';
import { anonymiseBatchSize, anonymiseTickets } from './anonymise-tickets.ts';
import { removeUnreferencedBlobs } from './blob-references.ts';
import { findPerson } from './find-person.ts';
import { bytesMention, findTraces, scrubTraces, type Trace } from './find-traces.ts';
import { likePattern, type PersonQuery } from './person-query.ts';
import { recordPrivacyRequest } from './privacy-requests.ts';

export type ErasureResult = {
  requestId: string;
  tickets: number;
  contacts: number;
  attachments: number;
  rawMails: number;
  deadLetters: number;
  blobsRemoved: number;
  scrubbed: Trace[];
  /** Traces left in the database (staff accounts, configuration): normally empty. */
  remaining: Trace[];
};

/** Erases the person `query` names. Recorded as a privacy request and audited. */
export async function erasePerson(
  db: Kysely<DB>,
  blobs: BlobStore,
  query: PersonQuery,
  options: { requestedBy: string; actor: Actor; now?: Date },
): Promise<ErasureResult> {
  const now = options.now ?? new Date();
  const findings = await findPerson(db, query, Number.MAX_SAFE_INTEGER);
  const candidates: string[] = [];
  let attachments = 0;
  const ids = findings.tickets.map((t) => t.id);
  for (let start = 0; start < ids.length; start += anonymiseBatchSize) {
    const done = await anonymiseTickets(db, ids.slice(start, start + anonymiseBatchSize), now);
    attachments += done.attachments;
    candidates.push(...done.blobCandidates);
  }
  const contactIds = findings.contacts.map((c) => c.id);
  if (contactIds.length > 0)
    await db
      .updateTable('contacts')
      .set({ email: null, name: null, phone: null, anonymised_at: now, updated_at: now })
      .where('id', 'in', contactIds)
      .execute();
  const mentions = await dropMentioningBlobs(db, blobs, query, candidates);
  attachments += mentions.attachments;
  const deadLetters = await dropDeadLetters(db, blobs, query.term, candidates);
  await db.deleteFrom('login_throttle').where('key', 'ilike', likePattern(query.term)).execute();
  const scrubbed = await scrubTraces(db, query.term);
  const blobsRemoved = await removeUnreferencedBlobs(db, blobs, candidates);
  const summary = {
    tickets: ids.length,
    contacts: contactIds.length,
    attachments,
    rawMails: mentions.rawMails,
    deadLetters,
    blobsRemoved,
    scrubbedRows: scrubbed.reduce((n, t) => n + t.rows, 0),
  };
  const requestId = await recordPrivacyRequest(db, {
    kind: 'erase',
    query,
    requestedBy: options.requestedBy,
    actor: options.actor,
    summary,
  });
  return { requestId, ...summary, scrubbed, remaining: await findTraces(db, query.term) };
}

/**
 * Messages of other tickets that mention the person (copied, quoted, named in
 * a body): their raw mail goes (it holds the mention in its headers or text),
 * and so do their attachments whose bytes contain the term.
 */
async function dropMentioningBlobs(
  db: Kysely<DB>,
  blobs: BlobStore,
  query: PersonQuery,
  candidates: string[],
): Promise<{ rawMails: number; attachments: number }> {
  const pattern = likePattern(query.term);
  const messages = await db
    .selectFrom('messages')
    .select(['id', 'raw_sha256'])
    .where((eb) =>
      eb.or([
        eb('subject', 'ilike', pattern),
        eb('body_text', 'ilike', pattern),
        eb('body_html', 'ilike', pattern),
        eb('from_address', 'ilike', pattern),
        eb(sql`to_addresses::text`, 'ilike', pattern),
        eb(sql`cc_addresses::text`, 'ilike', pattern),
      ]),
    )
    .execute();
  const messageIds = messages.map((m) => m.id);
  let rawMails = 0;
  if (messageIds.length > 0) {
    const withRaw = messages.flatMap((m) => (m.raw_sha256 ? [m.raw_sha256] : []));
    candidates.push(...withRaw);
    rawMails = withRaw.length;
    await db
      .updateTable('messages')
      .set({ raw_sha256: null })
      .where('id', 'in', messageIds)
      .execute();
  }
  const attachmentRows =
    messageIds.length === 0
      ? []
      : await db
          .selectFrom('attachments')
          .select(['id', 'sha256'])
          .where('message_id', 'in', messageIds)
          .execute();
  const doomed: string[] = [];
  for (const row of attachmentRows) {
    if (bytesMention(await blobs.get(row.sha256).catch(() => null), query.term)) {
      doomed.push(row.id);
      candidates.push(row.sha256);
    }
  }
  if (doomed.length > 0) await db.deleteFrom('attachments').where('id', 'in', doomed).execute();
  return { rawMails, attachments: doomed.length };
}

/** Dead letters (mail never filed on a ticket) whose bytes name the person. */
async function dropDeadLetters(
  db: Kysely<DB>,
  blobs: BlobStore,
  term: string,
  candidates: string[],
): Promise<number> {
  const rows = await db.selectFrom('dead_letters').select(['id', 'raw_sha256']).execute();
  const doomed: number[] = [];
  for (const row of rows) {
    if (bytesMention(await blobs.get(row.raw_sha256).catch(() => null), term)) {
      doomed.push(row.id);
      candidates.push(row.raw_sha256);
    }
  }
  if (doomed.length > 0) await db.deleteFrom('dead_letters').where('id', 'in', doomed).execute();
  return doomed.length;
}
