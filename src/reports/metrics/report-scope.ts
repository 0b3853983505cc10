/**
 * What a report counts: which mailboxes, which tickets (filters on
 * classification values and organisation) and which periods. Every metric
 * query takes a scope, so filters mean the same thing in every figure.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { endOfPeriod, monthBounds, monthsOf, type Period, startOfDay } from '../model/period.ts';

export type ReportScope = {
  mailboxIds: string[];
  /** Each group is one filter: a ticket matches when it has one of the group's values. */
  valueGroups: string[][];
  organisationId?: string;
};

/** Which period and month a `width_bucket` index stands for (null: a gap between periods). */
export type BucketSlot = { period: 'current' | 'previous'; month: string } | null;

export type Buckets = {
  /** Sorted thresholds for `width_bucket(created_at, thresholds)`. */
  thresholds: Date[];
  /** slots[i] describes bucket i (0 = before the first threshold). */
  slots: BucketSlot[];
};

/**
 * Month buckets of the previous and current periods on one axis, so one pass
 * over the tickets attributes each to its period and month.
 */
export function periodBuckets(current: Period, previous: Period): Buckets {
  const thresholds: Date[] = [];
  const slots: BucketSlot[] = [null];
  for (const [name, period] of [
    ['previous', previous],
    ['current', current],
  ] as const) {
    const bounds = monthBounds(period);
    const months = monthsOf(period);
    const first = bounds[0];
    const last = thresholds[thresholds.length - 1];
    if (first && last && last.getTime() === first.getTime()) {
      // contiguous periods share the threshold: drop the gap bucket
      thresholds.pop();
      slots.pop();
    }
    bounds.forEach((bound, i) => {
      thresholds.push(bound);
      const month = months[i];
      slots.push(month ? { period: name, month } : null);
    });
  }
  return { thresholds, slots };
}

/** `created_at` inside one of the periods (half-open Paris-midnight bounds). */
export function createdInPeriods(
  column: RawBuilder<unknown>,
  periods: Period[],
): RawBuilder<boolean> {
  const parts = periods.map(
    (p) =>
      sql`(${column} >= ${startOfDay(p.from)}::timestamptz and ${column} < ${endOfPeriod(p)}::timestamptz)`,
  );
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/**
 * The ticket conditions of a scope on alias `t`: not spam, not deleted (SPEC
 * §4), in the scope's mailboxes, matching every filter.
 */
export function ticketInScope(scope: ReportScope): RawBuilder<boolean> {
  const conditions = [
    sql`t.deleted_at is null`,
    sql`t.status <> 'spam'`,
    // A ticket merged into another is the same request: the one it became counts.
    sql`t.merged_into_id is null`,
    sql`t.mailbox_id = any(${scope.mailboxIds}::uuid[])`,
  ];
  for (const group of scope.valueGroups) {
    conditions.push(
      sql`exists (select 1 from ticket_field_values fv where fv.ticket_id = t.id and fv.value_id = any(${group}::uuid[]))`,
    );
  }
  if (scope.organisationId) conditions.push(sql`t.organisation_id = ${scope.organisationId}::uuid`);
  return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}

/**
 * Runs report queries in a transaction with enough work memory for their
 * hash aggregates and sorts (PostgreSQL's default 4 MB spills a yearly
 * report of a large desk to disk). Read-only, so nothing is locked.
 */
export async function withReportMemory<T>(
  db: Kysely<DB>,
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '64MB'`.execute(trx);
    return work(trx);
  });
}
