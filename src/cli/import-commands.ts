/**
 * `guichet import helpscout|csv|totals`: history from other tools (SPEC §6,
 * docs/import.md). Progress goes to standard error (a bar on a terminal, plain
 * lines otherwise); the summary to standard output (`--json` for scripts); bad
 * records to the error report file. A run with bad records still exits 0: the
 * summary and the report say what was skipped.
 */
import { type Command, InvalidArgumentError } from 'commander';
import type { Database } from '../db/client.ts';
import { refreshPlannerStatistics } from '../db/maintenance.ts';
import { applyDefaultConfiguration } from '../domain/configuration/apply-default-config.ts';
import { importCsv } from '../import/csv/import-csv.ts';
import { importTotals } from '../import/csv/import-totals.ts';
import { importHelpScout, listExportFiles } from '../import/helpscout/import-helpscout.ts';
import { ImportReport } from '../import/shared/import-report.ts';
import { loadMappingFile } from '../import/shared/mapping-file.ts';
import { Progress } from '../import/shared/progress.ts';
import type { ImportSummary } from '../import/shared/run-model.ts';
import { withDatabase } from './open-configured-database.ts';

/**
 * Opens the database like every command; a database with no mailbox yet gets the
 * default configuration first (as `serve` does), so that names have something to map to.
 * After a bulk load the planner statistics are refreshed at once (PGlite has no
 * autovacuum; on a server it would lag), so the next report plans on real row counts.
 */
const withConfiguredDatabase = <T>(task: (database: Database) => Promise<T>): Promise<T> =>
  withDatabase(async (database) => {
    await applyDefaultConfiguration(database.db);
    const result = await task(database);
    await refreshPlannerStatistics(database, true);
    return result;
  });

type ImportFlags = {
  mapping?: string;
  dryRun?: boolean;
  errors?: string;
  json?: boolean;
  batchSize?: number;
};

/** `--batch-size`: a whole number of records per transaction, 1 to 10,000. */
function parseBatchSize(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 10_000) {
    throw new InvalidArgumentError('a whole number from 1 to 10000');
  }
  return value;
}

const defaultReportFile = (): string =>
  `guichet-import-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-')}-errors.csv`;

const peakMegabytes = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

const list = (record: Record<string, string | number>): string =>
  Object.entries(record)
    .map(([from, to]) => `${from} → ${to}`)
    .join(', ') || '—';

/** The summary as people read it. */
export function formatSummary(summary: ImportSummary, report: ImportReport, noun: string): string {
  const r = summary.records;
  const rate = summary.seconds > 0 ? Math.round(r.read / summary.seconds) : r.read;
  const verb = summary.dryRun ? 'would be ' : '';
  const lines = [
    summary.dryRun
      ? `Dry run: nothing was changed. ${r.read} ${noun} read in ${summary.seconds.toFixed(1)} s.`
      : `Import finished: ${r.read} ${noun} read in ${summary.seconds.toFixed(1)} s (${rate}/s).`,
    `  ${noun}: ${r.created} ${verb}created, ${r.updated} ${verb}updated, ${r.unchanged} unchanged, ${r.failed} failed`,
  ];
  if (!summary.dryRun) {
    lines.push(
      `  messages: ${summary.threads.written} written, ${summary.threads.removed} removed; ratings: ${summary.ratings}`,
      `  contacts: ${summary.contacts.created} created, ${summary.contacts.updated} updated; tickets linked to an organisation: ${summary.organisations.linked}`,
    );
    if (summary.searchBacklog > 0) {
      lines.push(
        `  search: ${summary.searchBacklog} messages are being indexed in the background by guichet serve (the report needs nothing more)`,
      );
    }
    const domains = summary.organisations.unknownDomains.slice(0, 5);
    if (domains.length > 0) {
      lines.push(
        `  organisation suggestions (domains of new contacts with no organisation): ${domains.map((d) => `${d.domain} (${d.tickets})`).join(', ')}`,
      );
    }
  }
  lines.push(
    `  mailboxes: ${list(summary.mapping.mailboxes)}`,
    `  fields: ${list(summary.mapping.fields)}`,
  );
  if (Object.keys(summary.mapping.unmappedFields).length > 0) {
    lines.push(
      `  fields with no Guichet field (kept in the import record): ${list(summary.mapping.unmappedFields)}`,
    );
  }
  if (summary.mapping.newValues.length > 0) {
    const shown = summary.mapping.newValues.slice(0, 20).map((v) => `${v.field}: "${v.label}"`);
    lines.push(
      `  new values ${summary.dryRun ? 'to create' : 'created'} "à vérifier": ${shown.join(', ')}${summary.mapping.newValues.length > 20 ? ', …' : ''}`,
    );
  }
  lines.push(
    `  errors: ${summary.errors}, warnings: ${summary.warnings}${report.writtenTo ? ` — details in ${report.writtenTo}` : ''}`,
  );
  for (const problem of report.sample.filter((p) => p.level === 'error').slice(0, 5)) {
    lines.push(`    ${problem.file}:${problem.line}: ${problem.reason}`);
  }
  lines.push(`  peak memory: ${peakMegabytes()} MB`);
  return `${lines.join('\n')}\n`;
}

function printSummary(
  summary: ImportSummary,
  report: ImportReport,
  flags: ImportFlags,
  noun: string,
) {
  if (flags.json) {
    const errorReport = report.writtenTo;
    process.stdout.write(
      `${JSON.stringify({ ...summary, errorReport, peakMemoryMb: peakMegabytes() })}\n`,
    );
  } else {
    process.stdout.write(formatSummary(summary, report, noun));
  }
}

const progressOn = (total: number) => new Progress(process.stderr, total);

/** Two batches at once on a PostgreSQL server; PGlite has a single connection. */
const writersFor = (kind: Database['kind']): number => (kind === 'postgres' ? 2 : 1);

/** Adds `guichet import helpscout|csv|totals` to the program. */
export function registerImportCommands(program: Command): void {
  const importCommand = program
    .command('import')
    .description('import history from Help Scout, CSV exports of other tools, or yearly totals');

  const common = (command: Command) =>
    command
      .option('--dry-run', 'read and map everything, print what would change, change nothing')
      .option(
        '--errors <file>',
        'error report file (CSV; default guichet-import-<time>-errors.csv)',
      )
      .option('--json', 'print the summary as JSON');

  common(
    importCommand
      .command('helpscout')
      .description(
        'import Help Scout conversations: JSON Lines or API page files, files or folders',
      )
      .argument('<paths...>', 'export files (.jsonl, .ndjson, .json) or folders holding them')
      .option('--mapping <file>', 'mapping file (JSON, see docs/import.md)')
      .option('--batch-size <n>', 'conversations per transaction (default 500)', parseBatchSize),
  ).action(async (paths: string[], flags: ImportFlags) => {
    const mapping = await loadMappingFile(flags.mapping);
    // A path that does not exist stops here, before the database is opened.
    await listExportFiles(paths);
    const report = new ImportReport(flags.errors ?? defaultReportFile());
    await withConfiguredDatabase(async ({ db, kind }) => {
      try {
        const summary = await importHelpScout({
          db,
          paths,
          mapping,
          dryRun: flags.dryRun === true,
          batchSize: flags.batchSize,
          report,
          progress: progressOn,
          writers: writersFor(kind),
        });
        await report.close();
        printSummary(summary, report, flags, 'conversations');
      } finally {
        await report.close();
      }
    });
  });

  common(
    importCommand
      .command('csv')
      .description('import a one-ticket-per-row CSV export of another tool')
      .argument('<file>', 'the CSV file (with a header row)')
      .requiredOption('--mapping <file>', 'mapping file with a "csv" section (see docs/import.md)'),
  ).action(async (file: string, flags: ImportFlags) => {
    const mapping = await loadMappingFile(flags.mapping);
    const report = new ImportReport(flags.errors ?? defaultReportFile());
    await withConfiguredDatabase(async ({ db, kind }) => {
      try {
        const summary = await importCsv({
          db,
          file,
          mapping,
          dryRun: flags.dryRun === true,
          report,
          progress: progressOn,
          writers: writersFor(kind),
        });
        await report.close();
        printSummary(summary, report, flags, 'rows');
      } finally {
        await report.close();
      }
    });
  });

  common(
    importCommand
      .command('totals')
      .description(
        'import yearly ticket and reply totals (year,mailbox,tickets,replies) for years without detailed data',
      )
      .argument('<file>', 'the CSV file'),
  ).action(async (file: string, flags: ImportFlags) => {
    const report = new ImportReport(flags.errors ?? defaultReportFile());
    await withConfiguredDatabase(async ({ db }) => {
      try {
        const summary = await importTotals({ db, file, dryRun: flags.dryRun === true, report });
        await report.close();
        if (flags.json) {
          process.stdout.write(
            `${JSON.stringify({ ...summary, errorReport: report.writtenTo })}\n`,
          );
        } else {
          process.stdout.write(
            `${summary.dryRun ? 'Dry run: nothing was changed. ' : ''}Yearly totals: ${summary.rows} rows, ${summary.written} ${summary.dryRun ? 'would be ' : ''}written, ${summary.failed} failed${report.writtenTo ? ` — details in ${report.writtenTo}` : ''}\n`,
          );
        }
      } finally {
        await report.close();
      }
    });
  });
}
