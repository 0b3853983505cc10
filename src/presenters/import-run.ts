import type { Selectable } from 'kysely';
import type { ImportRunsTable } from '../db/schema.ts';
import type { ImportRunDto } from '../shared/contracts.ts';

type Stored = {
  state?: ImportRunDto['state'];
  progress?: Partial<ImportRunDto['progress']>;
  result?: ImportRunDto['result'];
  error?: string;
  errorReport?: boolean;
};

/** import_runs row → API JSON; a run recorded by the CLI reads as finished. */
export function presentImportRun(row: Selectable<ImportRunsTable>): ImportRunDto {
  const stored = row.summary as Stored;
  const state = stored.state ?? (row.finished_at ? 'finished' : 'running');
  return {
    id: row.id,
    dryRun: row.dry_run,
    state,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
    progress: {
      bytes: stored.progress?.bytes ?? 0,
      totalBytes: stored.progress?.totalBytes ?? 0,
      records: stored.progress?.records ?? 0,
    },
    result: stored.result ?? null,
    error: stored.error ?? null,
    errorReport: stored.errorReport === true,
  };
}
