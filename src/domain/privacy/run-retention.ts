/**
 * The retention job: anonymises the tickets whose mailbox policy has expired,
 * in batches, under a lease so that two instances never run it at once, and
 * logs each run (dry runs included) in `retention_runs`.
 *
 * A ticket expires `months` after it was closed; spam and deleted tickets
 * (never closed) after their deletion or last message. Active and pending
 * tickets never expire: a reopened ticket has no closing date.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { releaseLease, takeLease } from '../../jobs/runner/lease.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { anonymiseBatchSize, anonymiseTickets } from './anonymise-tickets.ts';
import { removeUnreferencedBlobs } from './blob-references.ts';

export type RetentionTrigger = 'schedule' | 'cli' | 'api';

export type RetentionResult = {
  runId: number;
  dryRun: boolean;
  tickets: number;
  attachments: number;
  blobsRemoved: number;
  /** Tickets per mailbox id. */
  byMailbox: Record<string, number>;
};

const leaseName = 'privacy.retention';
const leaseSeconds = 15 * 60;

/** Tickets past their mailbox's retention, not yet anonymised (a Kysely subquery). */
function expiredTickets(db: Kysely<DB>, now: Date) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('retention_policies as p', 'p.mailbox_id', 't.mailbox_id')
    .where('t.anonymised_at', 'is', null)
    .where((eb) =>
      eb.or([eb('t.status', 'in', ['closed', 'spam']), eb('t.deleted_at', 'is not', null)]),
    )
    .where(
      sql<boolean>`coalesce(t.deleted_at, t.closed_at, t.last_message_at)
        < ${now}::timestamptz - make_interval(months => p.months)`,
    );
}

/** How many tickets a run now would anonymise, per mailbox id. */
export async function previewRetention(
  db: Kysely<DB>,
  now: Date = new Date(),
): Promise<Record<string, number>> {
  const rows = await expiredTickets(db, now)
    .select(['t.mailbox_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('t.mailbox_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.mailbox_id, Number(r.n)]));
}

/**
 * Runs the retention: a dry run only counts; a real run anonymises every
 * expired ticket and removes the blobs nothing else references. Throws
 * conflict when another run holds the lease.
 */
export async function runRetention(
  db: Kysely<DB>,
  blobs: BlobStore,
  options: { dryRun: boolean; trigger: RetentionTrigger; actor: Actor; now?: Date },
): Promise<RetentionResult> {
  const now = options.now ?? new Date();
  const owner = randomUUID();
  if (!(await takeLease(db, leaseName, owner, leaseSeconds)))
    throw new AppError('conflict', 'A retention run is already in progress.');
  try {
    const run = await db
      .insertInto('retention_runs')
      .values({
        dry_run: options.dryRun,
        trigger: options.trigger,
        actor_user_id: options.actor.userId,
        finished_at: null,
        details: '{}',
        error: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const result: RetentionResult = {
      runId: run.id,
      dryRun: options.dryRun,
      tickets: 0,
      attachments: 0,
      blobsRemoved: 0,
      byMailbox: await previewRetention(db, now),
    };
    try {
      if (!options.dryRun) await anonymiseExpired(db, blobs, now, owner, result);
      else result.tickets = Object.values(result.byMailbox).reduce((a, b) => a + b, 0);
    } catch (error) {
      await finishRun(db, result, error instanceof Error ? error.message : String(error));
      throw error;
    }
    await finishRun(db, result, null);
    await recordAudit(db, {
      action: options.dryRun ? 'privacy.retention_preview' : 'privacy.retention_run',
      actorUserId: options.actor.userId,
      actorLabel: options.actor.label,
      ip: options.actor.ip ?? null,
      targetType: 'retention_run',
      targetId: String(run.id),
      details: {
        tickets: result.tickets,
        attachments: result.attachments,
        blobsRemoved: result.blobsRemoved,
      },
    });
    return result;
  } finally {
    await releaseLease(db, leaseName, owner);
  }
}

async function anonymiseExpired(
  db: Kysely<DB>,
  blobs: BlobStore,
  now: Date,
  owner: string,
  result: RetentionResult,
): Promise<void> {
  for (;;) {
    const batch = await expiredTickets(db, now)
      .select('t.id')
      .orderBy('t.id')
      .limit(anonymiseBatchSize)
      .execute();
    if (batch.length === 0) return;
    const done = await anonymiseTickets(
      db,
      batch.map((t) => t.id),
      now,
    );
    result.tickets += done.tickets;
    result.attachments += done.attachments;
    result.blobsRemoved += await removeUnreferencedBlobs(db, blobs, done.blobCandidates);
    // a long run keeps its lease; losing it means another instance took over
    if (!(await takeLease(db, leaseName, owner, leaseSeconds)))
      throw new AppError('conflict', 'The retention lease was lost; the run stopped.');
  }
}

async function finishRun(
  db: Kysely<DB>,
  result: RetentionResult,
  error: string | null,
): Promise<void> {
  await db
    .updateTable('retention_runs')
    .set({
      finished_at: new Date(),
      tickets: result.tickets,
      attachments: result.attachments,
      blobs_removed: result.blobsRemoved,
      details: JSON.stringify({ byMailbox: result.byMailbox }),
      error,
    })
    .where('id', '=', result.runId)
    .execute();
}

export type RetentionRunView = {
  id: number;
  startedAt: Date;
  finishedAt: Date | null;
  dryRun: boolean;
  trigger: RetentionTrigger;
  actorUserId: string | null;
  tickets: number;
  attachments: number;
  blobsRemoved: number;
  error: string | null;
};

/** The latest runs, newest first. */
export async function listRetentionRuns(db: Kysely<DB>, limit = 50): Promise<RetentionRunView[]> {
  const rows = await db
    .selectFrom('retention_runs')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    dryRun: r.dry_run,
    trigger: r.trigger,
    actorUserId: r.actor_user_id,
    tickets: r.tickets,
    attachments: r.attachments,
    blobsRemoved: r.blobs_removed,
    error: r.error,
  }));
}
