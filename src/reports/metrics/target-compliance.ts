/**
 * Respect des objectifs de réponse (issue 18 §5–§6): of the tickets of a period
 * under a first-response target (the version valid when each was opened), the
 * share answered within it — a reply or a logged phone call, in the target's
 * clock (calendar or business hours). A ticket still unanswered counts as missed
 * once its due time has passed, and is not counted before; a ticket closed
 * without any response is not counted (nothing was owed).
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

export const targetComplianceDefinition = {
  term: 'Respect des objectifs de réponse',
  text:
    'Part des tickets de la période soumis à un objectif de première réponse (celui en vigueur à leur création) ' +
    'qui ont reçu une première réponse (e-mail ou appel) dans le délai, en heures calendaires ou ouvrées selon l’objectif. ' +
    'Un ticket encore sans réponse compte comme hors délai dès que son échéance est passée ; ' +
    'un ticket clos sans réponse ne compte pas.',
};

/** Tickets measured against a target and those answered within it. */
export type Compliance = { measured: number; within: number };

export type PeriodCompliance = { total: Compliance; months: Map<string, Compliance> };

export type TargetCompliance = Map<
  string,
  { current: PeriodCompliance; previous: PeriodCompliance }
>;

const emptyPeriod = (): PeriodCompliance => ({
  total: { measured: 0, within: 0 },
  months: new Map(),
});

/**
 * Per mailbox, for `current` and `previous`: tickets measured and within target,
 * in total and per month. `now` decides which unanswered tickets are already late.
 */
export async function targetCompliance(
  db: Kysely<DB>,
  scope: ReportScope,
  current: Period,
  previous: Period,
  now: Date,
): Promise<TargetCompliance> {
  const buckets = periodBuckets(current, previous);
  const inPeriods = createdInPeriods(sql`t.created_at`, [previous, current]);
  // The governing version of each ticket, set-based (the same rule as the due times,
  // domain/tickets/ticket-due-times.ts): each version valid from its time to the next one's,
  // the most specific target of the mailbox first, then the oldest target.
  const { rows } = await sql<{ mailbox_id: string; b: number; measured: number; within: number }>`
    with versions as (
      select rt.id as target_id, rt.mailbox_id, rt.field_value_id, rt.organisation_type_value_id,
        rt.created_at as target_created, v.valid_from, v.removed,
        lead(v.valid_from) over (partition by v.target_id order by v.valid_from, v.id) as valid_to,
        v.first_response_seconds, v.business_hours
      from response_targets rt join response_target_versions v on v.target_id = rt.id
      where rt.mailbox_id = any(${scope.mailboxIds}::uuid[])
    ), governed as (
      select distinct on (t.id) t.id, t.mailbox_id,
        width_bucket(t.created_at, ${buckets.thresholds.map((d) => d.toISOString())}::timestamptz[]) as b,
        case when v.business_hours then t.first_response_business_seconds
          else t.first_response_seconds end as took,
        v.first_response_seconds as allowed
      from tickets t
      join versions v on v.mailbox_id = t.mailbox_id and v.valid_from <= t.created_at
        and (v.valid_to is null or t.created_at < v.valid_to)
      where ${ticketInScope(scope)} and ${inPeriods} and not v.removed
        and (v.field_value_id is null or exists (select 1 from ticket_field_values tfv
          where tfv.ticket_id = t.id and tfv.value_id = v.field_value_id))
        and (v.organisation_type_value_id is null or exists (select 1 from organisations o
          where o.id = t.organisation_id and o.partner_type_value_id = v.organisation_type_value_id))
      order by t.id,
        (v.field_value_id is not null or v.organisation_type_value_id is not null) desc,
        v.target_created, v.target_id
    )
    select g.mailbox_id, g.b,
      count(*) filter (where g.took is not null
        or d.first_response_due_at < ${now.toISOString()}::timestamptz)::int as measured,
      count(*) filter (where g.took <= g.allowed)::int as within
    from governed g left join ticket_due_times d on d.ticket_id = g.id
    where g.allowed is not null
    group by g.mailbox_id, g.b`.execute(db);
  return collect(rows, buckets.slots);
}

function collect(
  rows: { mailbox_id: string; b: number; measured: number; within: number }[],
  slots: BucketSlot[],
): TargetCompliance {
  const result: TargetCompliance = new Map();
  for (const row of rows) {
    const slot = slots[row.b];
    if (!slot) continue;
    let entry = result.get(row.mailbox_id);
    if (!entry) {
      entry = { current: emptyPeriod(), previous: emptyPeriod() };
      result.set(row.mailbox_id, entry);
    }
    const period = entry[slot.period];
    period.total.measured += row.measured;
    period.total.within += row.within;
    const month = period.months.get(slot.month) ?? { measured: 0, within: 0 };
    month.measured += row.measured;
    month.within += row.within;
    period.months.set(slot.month, month);
  }
  return result;
}
