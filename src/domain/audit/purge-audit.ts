/**
 * The audit log is kept 12 months (issue 8 §4), then purged by housekeeping
 * (`guichet serve`, at start and hourly). Safe on several instances at once.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const auditRetentionMonths = 12;

/** The oldest moment still kept: `months` calendar months before `now`. */
export function auditCutoff(now: Date, months = auditRetentionMonths): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/** Deletes audit events older than the retention; returns how many. */
export async function purgeOldAuditEvents(db: Kysely<DB>, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('audit_events')
    .where('at', '<', auditCutoff(now))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
