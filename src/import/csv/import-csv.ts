/**
 * `guichet import csv FILE --mapping FILE`: a one-ticket-per-row export of
 * another tool, read as the mapping file's `csv` section says, through the same
 * pipeline as Help Scout (idempotent by row id, batched, resumable).
 */
import { stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ImportReport } from '../shared/import-report.ts';
import type { MappingFile } from '../shared/mapping-file.ts';
import type { Progress } from '../shared/progress.ts';
import { runImport } from '../shared/run-import.ts';
import type { ImportSummary } from '../shared/run-model.ts';
import { csvRowToDraft } from './csv-row-to-draft.ts';
import { readCsv } from './read-csv.ts';

export type CsvImportOptions = {
  db: Kysely<DB>;
  file: string;
  mapping: MappingFile;
  dryRun: boolean;
  report: ImportReport;
  progress?: (total: number) => Progress;
  /** Batches written at once (see runImport). */
  writers?: number;
};

/** Imports a CSV export; the mapping file must have a `csv` section. */
export async function importCsv(options: CsvImportOptions): Promise<ImportSummary> {
  const csv = options.mapping.csv;
  if (!csv)
    throw new AppError(
      'invalid_input',
      'The mapping file has no "csv" section (see docs/import.md)',
    );
  let size: number;
  try {
    size = (await stat(options.file)).size;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('invalid_input', `Cannot read ${options.file}: ${reason}`);
  }
  const progress = options.progress?.(size);
  let records = 0;
  async function* items() {
    for await (const item of readCsv(options.file, {
      delimiter: csv?.delimiter,
      onBytes: (bytes) => progress?.update(bytes, records),
    })) {
      if (item.kind === 'record') records++;
      yield item;
    }
  }
  try {
    return await runImport({
      db: options.db,
      kind: 'csv',
      items: items(),
      toDraft: csvRowToDraft(csv),
      mapping: options.mapping,
      dryRun: options.dryRun,
      report: options.report,
      writers: options.writers,
    });
  } finally {
    progress?.finish();
  }
}
