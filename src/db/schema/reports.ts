/**
 * Kysely table types of the yearly report: imported totals, editable texts, published
 * snapshots and monthly summary runs (../migrations/0002_reports.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp } from './columns.ts';

export type YearlyTotalsTable = {
  mailbox_id: string;
  year: number;
  tickets: number;
  replies: number | null;
  source: Generated<string>;
  updated_at: DefaultTimestamp;
};

export type ReportTextsTable = {
  year: number;
  section: string;
  body: string;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
};

export type ReportSnapshotsTable = {
  id: Generated<number>;
  year: number;
  model: ColumnType<unknown, string, never>;
  published_by: string | null;
  published_at: DefaultTimestamp;
};

export type ReportSummaryRunsTable = {
  month: string;
  sent_at: DefaultTimestamp;
  recipients: number;
};
