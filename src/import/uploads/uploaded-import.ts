/**
 * Imports started from the agent app: the uploaded export is streamed to a
 * folder of its own (never held in memory), then imported in the background by
 * the same pipeline as `guichet import helpscout`. The run's state, progress and
 * summary live in `import_runs.summary`, so any instance can report them; the
 * error report file stays in the run's folder on the instance that ran it.
 *
 * While it runs, the run holds a lease (shared/run-lease.ts); a run whose
 * process died reads as interrupted once the lease has run out, and its folder
 * goes (interrupted-imports.ts).
 *
 *   import_runs.summary = { state: 'running' | 'finished' | 'failed' | 'interrupted',
 *                           progress: { bytes, totalBytes, records },
 *                           result?: ImportSummary, error?: string, errorReport: boolean }
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../domain/audit/record-audit.ts';
import { AppError } from '../../errors/app-error.ts';
import { importHelpScout } from '../helpscout/import-helpscout.ts';
import { ImportReport } from '../shared/import-report.ts';
import type { MappingFile } from '../shared/mapping-file.ts';
import { Progress } from '../shared/progress.ts';
import { holdRunLease } from '../shared/run-lease.ts';

/** Remembers how far the reader got, for the run's progress. */
class ByteTracker extends Progress {
  bytes = 0;

  override update(bytes: number): void {
    this.bytes = bytes;
  }
}

/** Where uploads and their error reports go: one folder per run. */
export const uploadsDir = (): string => path.join(os.tmpdir(), 'guichet-imports');

/** The error report of a run, when this instance ran it. */
export const errorReportPath = (runId: string): string =>
  path.join(uploadsDir(), runId, 'errors.csv');

export type UploadOptions = {
  runId: string;
  format: 'jsonl' | 'json';
  mapping: MappingFile;
  dryRun: boolean;
  actor: Actor;
  /** A larger upload is refused (413) and removed. */
  maxBytes: number;
  /** The uploaded file's name, for the error report (default: the saved file's path). */
  fileName?: string;
};

class TooLarge extends Error {
  readonly statusCode = 413;
}

/** Streams `body` to the run's folder; returns the file's path. Refuses an empty or oversized body. */
async function saveUpload(body: Readable, options: UploadOptions): Promise<string> {
  const dir = path.join(uploadsDir(), options.runId);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, options.format === 'jsonl' ? 'export.jsonl' : 'export.json');
  let size = 0;
  try {
    await pipeline(
      body,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > options.maxBytes) {
            throw new TooLarge(`The export is larger than ${options.maxBytes} bytes.`);
          }
          yield chunk;
        }
      },
      createWriteStream(file),
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  if (size === 0) {
    await rm(dir, { recursive: true, force: true });
    throw new AppError('invalid_input', 'The uploaded export is empty.');
  }
  return file;
}

/**
 * Saves an uploaded Help Scout export, records the run, and starts importing it
 * in the background. Resolves once the file is saved (the caller answers 202).
 */
export async function startUploadedImport(
  db: Kysely<DB>,
  body: Readable,
  options: UploadOptions,
): Promise<void> {
  const file = await saveUpload(body, options);
  const totalBytes = (await stat(file)).size;
  const state = (summary: Record<string, unknown>) =>
    db
      .updateTable('import_runs')
      .set({ summary: JSON.stringify(summary) })
      .where('id', '=', options.runId)
      .execute();
  // Held before the row exists, so the run never reads as interrupted while it lives.
  const lease = await holdRunLease(db, options.runId);
  try {
    await db
      .insertInto('import_runs')
      .values({
        id: options.runId,
        kind: 'helpscout',
        dry_run: options.dryRun,
        summary: JSON.stringify({
          state: 'running',
          progress: { bytes: 0, totalBytes, records: 0 },
        }),
      })
      .execute();
  } catch (error) {
    await lease.release();
    await rm(path.dirname(file), { recursive: true, force: true });
    throw error;
  }
  void runInBackground(db, file, totalBytes, options, state).finally(() => lease.release());
}

async function runInBackground(
  db: Kysely<DB>,
  file: string,
  totalBytes: number,
  options: UploadOptions,
  state: (summary: Record<string, unknown>) => Promise<unknown>,
): Promise<void> {
  const label = options.fileName;
  const report = new ImportReport(
    errorReportPath(options.runId),
    label ? (read) => (read === file ? label : read) : undefined,
  );
  const tracker = new ByteTracker(null, totalBytes);
  let lastSaved = 0;
  try {
    const result = await importHelpScout({
      db,
      paths: [file],
      mapping: options.mapping,
      dryRun: options.dryRun,
      report,
      runId: options.runId,
      actor: options.actor,
      progress: () => tracker,
      onBatch: async (records) => {
        if (Date.now() - lastSaved < 1000) return;
        lastSaved = Date.now();
        await state({ state: 'running', progress: { bytes: tracker.bytes, totalBytes, records } });
      },
    });
    await report.close();
    await state({
      state: 'finished',
      progress: { bytes: totalBytes, totalBytes, records: result.records.read },
      result,
      errorReport: report.writtenTo !== null,
    });
  } catch (error) {
    await report.close().catch(() => {});
    await state({ state: 'failed', error: (error as Error).message, errorReport: false }).catch(
      () => {},
    );
  } finally {
    await rm(file, { force: true });
    await db
      .updateTable('import_runs')
      .set({ finished_at: new Date() })
      .where('id', '=', options.runId)
      .execute()
      .catch(() => {});
  }
}
