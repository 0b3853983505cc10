/**
 * Kysely table types of imports (Help Scout, CSV, totals): one record per imported ticket,
 * one row per run (../migrations/0003_import.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { Generated } from 'kysely';
import type { DefaultTimestamp, Json, Timestamp } from './columns.ts';

export type ImportRecordsTable = {
  source: string;
  source_id: string;
  ticket_id: number;
  content_hash: string;
  run_id: string;
  file: string;
  line: number;
  extra: Json<Record<string, unknown>>;
  imported_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type ImportRunsTable = {
  id: string;
  kind: 'helpscout' | 'csv' | 'totals';
  dry_run: Generated<boolean>;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  summary: Json<Record<string, unknown>>;
};
