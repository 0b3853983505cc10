/**
 * Kysely table types of the bookkeeping shared by every area: applied migrations,
 * settings and the audit journal (../migrations/0001_initial.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Json } from './columns.ts';

export type SchemaMigrationsTable = {
  version: number;
  name: string;
  checksum: string;
  applied_at: DefaultTimestamp;
};

export type SettingsTable = { key: string; value: Json; updated_at: DefaultTimestamp };

export type AuditEventsTable = {
  id: Generated<number>;
  at: DefaultTimestamp;
  actor_user_id: string | null;
  actor_label: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, never>;
};

/** Background jobs' own progress (../migrations/0068_job_state.sql); never configuration. */
export type JobStateTable = { key: string; value: Json; updated_at: DefaultTimestamp };
