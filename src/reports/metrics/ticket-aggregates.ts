/**
 * One pass over the tickets of two periods (current and previous) that gives
 * every ticket-based figure of a report: tickets per month, tickets per
 * classification value, and first-response buckets in calendar and business
 * time. The metric functions (tickets-of-period.ts, first-response.ts) read
 * these aggregates; nothing here rounds or formats.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Period } from '../model/period.ts';
import {
  type BucketSlot,
  createdInPeriods,
  periodBuckets,
  type ReportScope,
  ticketInScope,
} from './report-scope.ts';

/** Tickets answered (first reply or call) and answered strictly under 1 h, 2 h and 24 h. */
export type ResponseBuckets = {
  responded: number;
  under1h: number;
  under2h: number;
  under24h: number;
};

export type PeriodTicketFacts = {
  tickets: number;
  /** "YYYY-MM" → tickets created that month. */
  months: Map<string, number>;
  /** field id → value id → tickets carrying it (raw value ids; merging happens later). */
  byValue: Map<string, Map<string, number>>;
  firstResponse: { calendar: ResponseBuckets; business: ResponseBuckets };
};

export type TicketAggregates = Map<
  string,
  { current: PeriodTicketFacts; previous: PeriodTicketFacts }
>;

const emptyBuckets = (): ResponseBuckets => ({ responded: 0, under1h: 0, under2h: 0, under24h: 0 });

const emptyFacts = (): PeriodTicketFacts => ({
  tickets: 0,
  months: new Map(),
  byValue: new Map(),
  firstResponse: { calendar: emptyBuckets(), business: emptyBuckets() },
});

type Row = {
  mailbox_id: string;
  b: number | null;
  is_current: boolean | null;
  field_id: string | null;
  value_id: string | null;
  by_month: number;
  rows: number;
  tickets: number;
  responded: number;
  c1: number;
  c2: number;
  c24: number;
  b1: number;
  b2: number;
  b24: number;
};

/**
 * Aggregates the tickets of `current` and `previous` in the scope, in one query.
 * Grouping sets: (mailbox, month bucket) for volumes; (mailbox, period, field,
 * value) for breakdowns, whose (field null) group carries each period's totals
 * and first-response buckets.
 */
export async function aggregateTickets(
  db: Kysely<DB>,
  scope: ReportScope,
  current: Period,
  previous: Period,
): Promise<TicketAggregates> {
  const buckets = periodBuckets(current, previous);
  // an integer index, inlined so the select list and the grouping set are the same expression
  const isCurrent = sql`(b >= ${sql.lit(buckets.slots.findIndex((s) => s?.period === 'current'))})`;
  const inPeriods = createdInPeriods(sql`t.created_at`, [previous, current]);
  const query = sql<Row>`
    with scoped as materialized (
      select t.id, t.mailbox_id,
        width_bucket(t.created_at, ${buckets.thresholds.map((d) => d.toISOString())}::timestamptz[]) as b,
        t.first_response_seconds as c, t.first_response_business_seconds as bs
      from tickets t
      where ${ticketInScope(scope)} and ${inPeriods}
    ),
    facts as (
      select mailbox_id, b, null::uuid as field_id, null::uuid as value_id, c, bs from scoped
      union all
      select s.mailbox_id, s.b, f.field_id, f.value_id, null, null
      from scoped s join ticket_field_values f on f.ticket_id = s.id
      -- implied by the join, but lets the primary key bound the scan: tickets of a period
      -- are mostly a narrow band of ids, so only that band of values is read, not all of them
      where f.ticket_id between (select min(id) from scoped) and (select max(id) from scoped)
    )
    select mailbox_id,
      b, ${isCurrent} as is_current, field_id, value_id,
      grouping(b) as by_month,
      count(*)::int as rows,
      count(*) filter (where field_id is null)::int as tickets,
      count(c)::int as responded,
      count(*) filter (where c < 3600)::int as c1,
      count(*) filter (where c < 7200)::int as c2,
      count(*) filter (where c < 86400)::int as c24,
      count(*) filter (where bs < 3600)::int as b1,
      count(*) filter (where bs < 7200)::int as b2,
      count(*) filter (where bs < 86400)::int as b24
    from facts
    group by grouping sets ((mailbox_id, b), (mailbox_id, ${isCurrent}, field_id, value_id))`;
  const { rows } = await query.execute(db);
  return collect(rows, buckets.slots);
}

function collect(rows: Row[], slots: BucketSlot[]): TicketAggregates {
  const result: TicketAggregates = new Map();
  const factsOf = (mailboxId: string, current: boolean): PeriodTicketFacts => {
    let entry = result.get(mailboxId);
    if (!entry) {
      entry = { current: emptyFacts(), previous: emptyFacts() };
      result.set(mailboxId, entry);
    }
    return current ? entry.current : entry.previous;
  };
  for (const row of rows) {
    if (row.by_month === 0) {
      const slot = row.b === null ? null : slots[row.b];
      if (!slot) continue;
      const facts = factsOf(row.mailbox_id, slot.period === 'current');
      facts.months.set(slot.month, row.tickets);
      continue;
    }
    const facts = factsOf(row.mailbox_id, row.is_current === true);
    if (row.field_id === null) {
      facts.tickets = row.tickets;
      facts.firstResponse = {
        calendar: { responded: row.responded, under1h: row.c1, under2h: row.c2, under24h: row.c24 },
        business: { responded: row.responded, under1h: row.b1, under2h: row.b2, under24h: row.b24 },
      };
    } else if (row.value_id !== null) {
      let values = facts.byValue.get(row.field_id);
      if (!values) {
        values = new Map();
        facts.byValue.set(row.field_id, values);
      }
      values.set(row.value_id, row.rows);
    }
  }
  return result;
}
