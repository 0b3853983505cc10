/**
 * One import run: records from a reader → drafts → batches. For each batch,
 * records whose content hash is already stored are skipped (idempotence), the
 * others are mapped and written in one transaction. A run killed half-way
 * loses at most its open batch; running it again skips what was committed and
 * writes the rest (resumable). A record the database refuses is isolated by
 * retrying its batch one record per transaction, reported, and the run goes on.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../domain/audit/record-audit.ts';
import { searchBacklogSize } from '../../domain/inbox/search-backlog.ts';
import { loadBusinessHours } from '../../domain/tickets/ticket-timings.ts';
import type { RecordLocation, TicketDraft } from './import-model.ts';
import type { ImportReport } from './import-report.ts';
import { type MappingFile, mappingHash } from './mapping-file.ts';
import type { SourceItem } from './read-records.ts';
import { MappingResolver } from './resolve-mapping.ts';
import { advanceTicketNumbers, recordRunEnd } from './run-end.ts';
import { holdRunLease } from './run-lease.ts';
import {
  addCounts,
  type BatchEntry,
  emptyCounts,
  type ImportSummary,
  type WriteContext,
} from './run-model.ts';
import { contentHash, writeBatch } from './write-batch.ts';

export type DraftResult = { draft: TicketDraft; warnings: string[] } | { error: string };

export type ImportOptions = {
  db: Kysely<DB>;
  kind: 'helpscout' | 'csv';
  items: AsyncIterable<SourceItem>;
  toDraft: (value: Record<string, unknown>) => DraftResult;
  mapping: MappingFile;
  dryRun: boolean;
  report: ImportReport;
  /** Records per transaction (default 500). */
  batchSize?: number;
  /**
   * Batches written at once (default 1). On a PostgreSQL server 2 keeps the server
   * busy while the next batch is parsed; PGlite has one connection, so 1.
   */
  writers?: number;
  /** A batch is also written once its records reach this many bytes (default 16 MiB). */
  batchBytes?: number;
  /** The run's id when the caller created its `import_runs` row (uploads); else a new one. */
  runId?: string;
  /** Who runs the import, for the audit log (default: the CLI). */
  actor?: Actor;
  /** Called after each batch with the records read so far (progress; tests stop runs here). */
  onBatch?: (recordsRead: number) => void | Promise<void>;
};

type Pending = { draft: TicketDraft; hash: string; location: RecordLocation; bytes: number };

const sqlState = (error: unknown): string => String((error as { code?: unknown }).code ?? '');
/** Refused data (22 data exception, 23 constraint, 54 limit): isolate the record. */
const isDataError = (error: unknown): boolean => /^(22|23|54)/.test(sqlState(error));
/** Deadlock or serialization failure between concurrent batches: run the batch again. */
const isTransient = (error: unknown): boolean => /^40(001|P01)$/.test(sqlState(error));

/** Whether the server was built with lz4 (Debian's PostgreSQL is; PGlite is not). */
async function supportsLz4(db: Kysely<DB>): Promise<boolean> {
  const row = await sql<{ lz4: boolean }>`select coalesce('lz4' = any(enumvals), false) as lz4
    from pg_settings where name = 'default_toast_compression'`.execute(db);
  return row.rows[0]?.lz4 === true;
}

/** Imports every record of `items`; returns the summary (also stored in import_runs). */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const runId = options.runId ?? randomUUID();
  // A run recorded here (not a dry run, not an upload's) holds a lease while it lives:
  // killed, it reads as interrupted once the lease runs out (shared/run-lease.ts).
  const lease = !options.dryRun && !options.runId ? await holdRunLease(options.db, runId) : null;
  try {
    return await importAll({ ...options, runId }, lease !== null);
  } finally {
    await lease?.release();
  }
}

async function importAll(
  options: ImportOptions & { runId: string },
  ownsRow: boolean,
): Promise<ImportSummary> {
  const { db, report, dryRun, runId } = options;
  const started = Date.now();
  const batchSize = options.batchSize ?? 500;
  const batchBytes = options.batchBytes ?? 16 * 1024 * 1024;
  const resolver = await MappingResolver.load(db, options.mapping, dryRun);
  const context: WriteContext = {
    runId,
    hours: await loadBusinessHours(db),
    userIds: new Map(),
    lz4: await supportsLz4(db),
  };
  const fingerprint = mappingHash(options.mapping);
  const records = { read: 0, created: 0, updated: 0, unchanged: 0, failed: 0 };
  const totals = emptyCounts();
  if (ownsRow)
    await db
      .insertInto('import_runs')
      .values({ id: runId, kind: options.kind, summary: '{}' })
      .execute();

  const write = async (entries: BatchEntry[], attempt = 1): Promise<void> => {
    try {
      addCounts(totals, await db.transaction().execute((trx) => writeBatch(trx, context, entries)));
    } catch (error) {
      if (isTransient(error) && attempt < 5) return write(entries, attempt + 1);
      if (!isDataError(error)) throw error;
      if (entries.length === 1) {
        const [entry] = entries as [BatchEntry];
        if (entry.existingTicketId === null && attempt === 1) {
          // The same id in a batch committed meanwhile: this record updates it.
          const stored = await db
            .selectFrom('import_records')
            .select('ticket_id')
            .where('source', '=', entry.ticket.source)
            .where('source_id', '=', entry.ticket.sourceId)
            .executeTakeFirst();
          if (stored) {
            records.created--;
            records.updated++;
            return write([{ ...entry, existingTicketId: stored.ticket_id }], attempt + 1);
          }
        }
        records.failed++;
        if (entry.existingTicketId === null) records.created--;
        else records.updated--;
        report.error(
          entry.location.file,
          entry.location.line,
          `refused by the database: ${(error as Error).message}`,
          entry.ticket.sourceId,
        );
        return;
      }
      for (const entry of entries) await write([entry]);
    }
  };

  const flush = async (batch: Pending[]): Promise<void> => {
    // The same id twice in a batch: the later record wins.
    const byKey = new Map<string, Pending>();
    for (const item of batch) {
      const earlier = byKey.get(item.draft.sourceId);
      if (earlier) {
        report.warning(
          earlier.location.file,
          earlier.location.line,
          `duplicate id: replaced by line ${item.location.line}`,
          item.draft.sourceId,
        );
        byKey.delete(item.draft.sourceId);
      }
      byKey.set(item.draft.sourceId, item);
    }
    const source = batch[0]?.draft.source ?? options.kind;
    const stored = await db
      .selectFrom('import_records')
      .select(['source_id', 'ticket_id', 'content_hash', 'run_id', 'file', 'line'])
      .where('source', '=', source)
      .where('source_id', 'in', [...byKey.keys()])
      .execute();
    const storedById = new Map(stored.map((row) => [row.source_id, row]));
    const entries: BatchEntry[] = [];
    for (const item of byKey.values()) {
      const previous = storedById.get(item.draft.sourceId);
      if (previous?.run_id === runId) {
        report.warning(
          item.location.file,
          item.location.line,
          `duplicate id: also at ${previous.file}:${previous.line}; the later record wins`,
          item.draft.sourceId,
        );
      }
      if (previous?.content_hash === item.hash) {
        records.unchanged++;
        continue;
      }
      const resolved = await resolver.resolve(item.draft);
      if ('error' in resolved) {
        records.failed++;
        report.error(item.location.file, item.location.line, resolved.error, item.draft.sourceId);
        continue;
      }
      if (previous) records.updated++;
      else records.created++;
      entries.push({
        ticket: resolved.ticket,
        hash: item.hash,
        location: item.location,
        existingTicketId: previous?.ticket_id ?? null,
      });
    }
    if (!dryRun && entries.length > 0) await write(entries);
  };

  // Batches are written while the next ones are read and parsed: with a PostgreSQL
  // server the database works in its own processes meanwhile. With one writer,
  // batches commit in order; with more, the same id in two batches written at once
  // is caught by the unique key and the later write becomes an update.
  const writers = Math.max(1, options.writers ?? 1);
  const inFlight: Promise<void>[] = [];
  const enqueue = async (pending: Pending[]) => {
    if (inFlight.length >= writers) await inFlight.shift();
    const writing = flush(pending);
    // Surfaced when awaited (above, or at the end); never left unhandled meanwhile.
    writing.catch(() => {});
    inFlight.push(writing);
  };
  let batch: Pending[] = [];
  let bytes = 0;
  try {
    await readAll();
  } catch (error) {
    // Leave no write running behind a failed run.
    await Promise.allSettled(inFlight);
    throw error;
  }
  await Promise.all(inFlight);
  await options.onBatch?.(records.read);
  if (!dryRun) await advanceTicketNumbers(db);

  async function readAll(): Promise<void> {
    for await (const item of options.items) {
      if (item.kind === 'problem') {
        records.failed += item.line > 0 ? 1 : 0;
        report.error(item.file, item.line, item.reason);
        continue;
      }
      records.read++;
      for (const warning of item.warnings) report.warning(item.file, item.line, warning);
      const result = options.toDraft(item.value);
      if ('error' in result) {
        records.failed++;
        const id = (item.value as { id?: unknown }).id;
        report.error(
          item.file,
          item.line,
          result.error,
          typeof id === 'string' || typeof id === 'number' ? String(id) : null,
        );
        continue;
      }
      for (const warning of result.warnings)
        report.warning(item.file, item.line, warning, result.draft.sourceId);
      batch.push({
        draft: result.draft,
        hash: contentHash(item.value, fingerprint, item.digest),
        location: { file: item.file, line: item.line },
        bytes: item.bytes,
      });
      bytes += item.bytes;
      if (batch.length >= batchSize || bytes >= batchBytes) {
        await enqueue(batch);
        batch = [];
        bytes = 0;
        await options.onBatch?.(records.read);
      }
    }
    if (batch.length > 0) await enqueue(batch);
  }

  const summary: ImportSummary = {
    runId,
    dryRun,
    records,
    threads: { written: totals.messagesWritten, removed: totals.messagesRemoved },
    contacts: { created: totals.contactsCreated, updated: totals.contactsUpdated },
    organisations: {
      linked: totals.organisationsLinked,
      unknownDomains: [...totals.unknownDomains]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 20)
        .map(([domain, tickets]) => ({ domain, tickets })),
    },
    ratings: totals.ratingsWritten,
    mapping: resolver.stats,
    errors: report.errors,
    warnings: report.warnings,
    seconds: (Date.now() - started) / 1000,
    searchBacklog: dryRun ? 0 : await searchBacklogSize(db),
  };
  if (!dryRun) {
    await recordRunEnd(db, {
      runId,
      kind: options.kind,
      summary,
      ownsRow,
      actor: options.actor,
    });
  }
  return summary;
}
