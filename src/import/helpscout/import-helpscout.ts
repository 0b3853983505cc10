/**
 * `guichet import helpscout PATH…`: the files and folders of a Help Scout export
 * → runImport. Folders are read recursively, files in name order; a file that is
 * neither `.jsonl`/`.ndjson` (JSON Lines) nor `.json` (page file) is reported and
 * skipped.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../domain/audit/record-audit.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ImportReport } from '../shared/import-report.ts';
import type { MappingFile } from '../shared/mapping-file.ts';
import type { Progress } from '../shared/progress.ts';
import { readPageFile } from '../shared/read-page-file.ts';
import { readJsonLines, type SourceItem } from '../shared/read-records.ts';
import { runImport } from '../shared/run-import.ts';
import type { ImportSummary } from '../shared/run-model.ts';
import { conversationToDraft } from './to-ticket-draft.ts';

export type ExportFile = { path: string; size: number; layout: 'lines' | 'pages' };

const layoutOf = (file: string): ExportFile['layout'] | null => {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'lines';
  if (ext === '.json') return 'pages';
  return null;
};

/**
 * The export files under `paths`, and the files skipped with why.
 * A path that does not exist is an AppError (nothing is imported).
 */
export async function listExportFiles(
  paths: string[],
): Promise<{ files: ExportFile[]; skipped: { path: string; reason: string }[] }> {
  const files: ExportFile[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const visit = async (entry: string, explicit: boolean): Promise<void> => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(entry);
    } catch (error) {
      if (!explicit) return;
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new AppError('invalid_input', `Cannot read ${entry}: ${reason}`);
    }
    if (info.isDirectory()) {
      const names = (await readdir(entry)).sort();
      for (const name of names) await visit(path.join(entry, name), false);
      return;
    }
    const layout = layoutOf(entry);
    if (!info.isFile() || !layout) {
      skipped.push({ path: entry, reason: 'not a .json, .jsonl or .ndjson file: skipped' });
      return;
    }
    files.push({ path: entry, size: info.size, layout });
  };
  for (const entry of paths) await visit(entry, true);
  return { files, skipped };
}

export type HelpScoutImportOptions = {
  db: Kysely<DB>;
  paths: string[];
  mapping: MappingFile;
  dryRun: boolean;
  report: ImportReport;
  progress?: (total: number) => Progress;
  /** Batches written at once (see runImport). */
  writers?: number;
  batchSize?: number;
  onBatch?: (recordsRead: number) => void | Promise<void>;
  runId?: string;
  actor?: Actor;
};

/** Imports a Help Scout export (files and folders); see runImport for what happens. */
export async function importHelpScout(options: HelpScoutImportOptions): Promise<ImportSummary> {
  const { files, skipped } = await listExportFiles(options.paths);
  for (const file of skipped) options.report.warning(file.path, 0, file.reason);
  const total = files.reduce((sum, f) => sum + f.size, 0);
  const progress = options.progress?.(total);
  let done = 0;
  let records = 0;
  async function* items(): AsyncGenerator<SourceItem> {
    for (const file of files) {
      const onBytes = (bytes: number) => progress?.update(done + bytes, records);
      const reader =
        file.layout === 'lines'
          ? readJsonLines(file.path, { onBytes })
          : readPageFile(file.path, { onBytes });
      for await (const item of reader) {
        if (item.kind === 'record') records++;
        yield item;
      }
      done += file.size;
    }
  }
  try {
    return await runImport({
      db: options.db,
      kind: 'helpscout',
      items: items(),
      toDraft: conversationToDraft,
      mapping: options.mapping,
      dryRun: options.dryRun,
      report: options.report,
      writers: options.writers,
      batchSize: options.batchSize,
      onBatch: options.onBatch,
      runId: options.runId,
      actor: options.actor,
    });
  } finally {
    progress?.finish();
  }
}
