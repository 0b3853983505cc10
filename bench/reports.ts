/**
 * Report benchmarks (issue 3):
 * - PostgreSQL server, 1,000,000 tickets over ten years: (a) the full yearly
 *   report model (all sections, the previous year and the evolution) against
 *   (b) one hand-written single-pass GROUPING SETS query over the same year,
 *   the floor. Target: a ≤ 2 × b.
 * - PGlite, 70,000 tickets (ten years of this desk): the full yearly report
 *   (model + document) under one second.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/db/client.ts';
import type { DB } from '../src/db/schema.ts';
import { withReportMemory } from '../src/reports/metrics/report-scope.ts';
import { buildActivityReport } from '../src/reports/model/build-activity-report.ts';
import { buildReportModel } from '../src/reports/model/build-report-model.ts';
import { endOfPeriod, startOfDay, yearPeriod } from '../src/reports/model/period.ts';
import { generateReportData } from './report-data.ts';

export type Printer = (label: string, value: string) => void;

const elapsed = async (work: () => Promise<unknown>): Promise<number> => {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** The floor: tickets of one year by month and by field value, with first-response buckets, in one pass. */
async function groupingSetsFloor(database: Kysely<DB>, year: number): Promise<void> {
  const period = yearPeriod(year);
  // same work memory as the report's own queries
  await withReportMemory(database, (db) =>
    sql`
    select t.mailbox_id, date_trunc('month', t.created_at at time zone 'Europe/Paris') as month,
      f.field_id, f.value_id, count(*),
      count(t.first_response_seconds),
      count(*) filter (where t.first_response_seconds < 3600),
      count(*) filter (where t.first_response_seconds < 7200),
      count(*) filter (where t.first_response_seconds < 86400)
    from tickets t left join ticket_field_values f on f.ticket_id = t.id
    where t.deleted_at is null and t.status <> 'spam'
      and t.created_at >= ${startOfDay(period.from)}::timestamptz and t.created_at < ${endOfPeriod(period)}::timestamptz
    group by grouping sets ((t.mailbox_id, month), (t.mailbox_id, f.field_id, f.value_id))`.execute(
      db,
    ),
  );
}

/** Runs (a) and (b) alternately `rounds` times and prints medians and their ratio. */
export async function benchReportVersusFloor(
  database: Database,
  tickets: number,
  print: Printer,
): Promise<void> {
  const label = `[${database.kind}] ${tickets.toLocaleString('en')} tickets`;
  const generation = await elapsed(() => generateReportData(database.db, tickets, 2011));
  print(`${label}: generate (set-based SQL)`, `${(generation / 1000).toFixed(1)} s`);
  const year = 2019;
  const model: number[] = [];
  const floor: number[] = [];
  // one warm-up of each, then alternate so both see the same cache state
  await buildReportModel(database.db, yearPeriod(year));
  await groupingSetsFloor(database.db, year);
  for (let i = 0; i < 5; i++) {
    model.push(await elapsed(() => buildReportModel(database.db, yearPeriod(year))));
    floor.push(await elapsed(() => groupingSetsFloor(database.db, year)));
  }
  const a = median(model);
  const b = median(floor);
  print(`${label}: (a) yearly report model, median of 5`, `${a.toFixed(0)} ms`);
  print(`${label}: (b) GROUPING SETS floor, median of 5`, `${b.toFixed(0)} ms`);
  print(`${label}: ratio a / b (target ≤ 2)`, `${(a / b).toFixed(2)}`);
}

/** The whole yearly report (model + document), as the page and the exports build it. */
export async function benchFullReport(
  database: Database,
  tickets: number,
  print: Printer,
): Promise<void> {
  const label = `[${database.kind}] ${tickets.toLocaleString('en')} tickets`;
  const generation = await elapsed(() => generateReportData(database.db, tickets, 2011));
  print(`${label}: generate (set-based SQL)`, `${(generation / 1000).toFixed(1)} s`);
  await buildActivityReport(database.db, yearPeriod(2019));
  const runs: number[] = [];
  for (let i = 0; i < 5; i++)
    runs.push(await elapsed(() => buildActivityReport(database.db, yearPeriod(2019))));
  print(
    `${label}: full yearly report, median of 5 (target < 1000 ms)`,
    `${median(runs).toFixed(0)} ms`,
  );
}
