/**
 * Publishing a year's report (issue 3 §8): its numbers and document are
 * frozen as a snapshot, so re-classifying old tickets later never changes what
 * was published; a fresh computation is compared with the latest snapshot.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, recordAudit } from '../../domain/audit/record-audit.ts';
import { freshContent, type ReportContent } from '../export-report.ts';
import { buildActivityReport } from '../model/build-activity-report.ts';
import { yearPeriod } from '../model/period.ts';

/** A published report: its document and numbers, frozen. */
export type Snapshot = ReportContent;

export type Publication = {
  year: number;
  publishedAt: Date;
  publishedBy: string | null;
  snapshot: Snapshot;
};

/** Freezes the current figures of `year` (all mailboxes, no filter, calendar time) as its published report. */
export async function publishReport(
  db: Kysely<DB>,
  year: number,
  actor: Actor,
): Promise<Publication> {
  const { model, report } = await buildActivityReport(db, yearPeriod(year));
  const snapshot: Snapshot = freshContent(model, report);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('report_snapshots')
      .values({ year, model: JSON.stringify(snapshot), published_by: actor.userId })
      .returning(['published_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      action: 'report.published',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      targetType: 'report',
      targetId: String(year),
      ip: actor.ip ?? null,
    });
    return { year, publishedAt: row.published_at, publishedBy: actor.userId, snapshot };
  });
}

/** The latest publication of `year`, or null. */
export async function latestPublication(db: Kysely<DB>, year: number): Promise<Publication | null> {
  const row = await db
    .selectFrom('report_snapshots as s')
    .leftJoin('users as u', 'u.id', 's.published_by')
    .select(['s.model', 's.published_at', 'u.name'])
    .where('s.year', '=', year)
    .orderBy('s.published_at', 'desc')
    .orderBy('s.id', 'desc')
    .executeTakeFirst();
  if (!row) return null;
  return {
    year,
    publishedAt: row.published_at,
    publishedBy: row.name,
    snapshot: row.model as Snapshot,
  };
}

export type Difference = { path: string; published: number; now: number };

/**
 * Every number that differs between two JSON exports, by its path
 * ("mailboxes.partenaires.by.Nature du problème.Autre"); a number present on
 * one side only counts as 0 on the other. Dates of generation are ignored.
 */
export function compareNumbers(published: unknown, now: unknown, path = ''): Difference[] {
  if (typeof published === 'number' || typeof now === 'number') {
    const a = typeof published === 'number' ? published : 0;
    const b = typeof now === 'number' ? now : 0;
    return a === b ? [] : [{ path, published: a, now: b }];
  }
  const objectOf = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  const left = objectOf(published);
  const right = objectOf(now);
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].filter(
    (k) => k !== 'generatedAt',
  );
  return keys.flatMap((key) =>
    compareNumbers(left[key], right[key], path ? `${path}.${key}` : key),
  );
}
