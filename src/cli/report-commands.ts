import { access, constants, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { refreshPlannerStatistics } from '../db/maintenance.ts';
import { AppError } from '../errors/app-error.ts';
import {
  type ExportFormat,
  exportFormats,
  exportReport,
  freshContent,
} from '../reports/export-report.ts';
import { buildActivityReport } from '../reports/model/build-activity-report.ts';
import { type Period, parsePeriod, rangePeriod, yearPeriod } from '../reports/model/period.ts';
import { withDatabase } from './open-configured-database.ts';

type ReportOptions = {
  year?: string;
  period?: string;
  from?: string;
  to?: string;
  mailbox?: string[];
  departement?: string[];
  format: string;
  out?: string;
  separator: string;
  businessHours?: boolean;
  targets?: boolean;
};

const collect = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

/** The period asked for by exactly one of --year, --period or --from/--to. */
function periodOf(options: ReportOptions): Period {
  const asked = [
    options.year !== undefined,
    options.period !== undefined,
    options.from !== undefined || options.to !== undefined,
  ];
  if (asked.filter(Boolean).length !== 1) {
    throw new AppError(
      'invalid_input',
      'Give one period: --year 2020, --period 2020-Q2 | 2020-03, or --from 2020-01-01 --to 2020-06-30.',
    );
  }
  if (options.year !== undefined) {
    if (!/^\d{4}$/.test(options.year))
      throw new AppError(
        'invalid_input',
        `--year must be a year such as 2020, not "${options.year}".`,
      );
    return yearPeriod(Number(options.year));
  }
  if (options.period !== undefined) return parsePeriod(options.period);
  if (!options.from || !options.to)
    throw new AppError('invalid_input', '--from and --to go together.');
  return rangePeriod(options.from, options.to);
}

/** Refuses an output folder that cannot take the file before the report is computed (seconds of work). */
async function checkOutputFolder(file: string): Promise<void> {
  const folder = path.dirname(path.resolve(file));
  try {
    if (!(await stat(folder)).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    await access(folder, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('invalid_input', `Cannot write ${file}: ${reason}`);
  }
}

/** Writes next to the target then renames, so a failed export never leaves half a file. */
async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('invalid_input', `Cannot write ${file}: ${reason}`);
  }
}

export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description('produce the activity report of a period as PDF, PPTX, XLSX, CSV (zip) or JSON')
    .option('--year <year>', 'a calendar year, e.g. 2020')
    .option('--period <period>', 'a quarter (2020-Q2) or a month (2020-03)')
    .option('--from <date>', 'first day of a custom range (YYYY-MM-DD)')
    .option('--to <date>', 'last day of a custom range (YYYY-MM-DD), included')
    .option('--mailbox <slug>', 'only this mailbox (repeatable, or comma-separated)', collect)
    .option(
      '--departement <label>',
      'only tickets of this département, e.g. 44 (repeatable)',
      collect,
    )
    .option('--format <format>', `one of ${exportFormats.join(', ')}`, 'pdf')
    .option('--out <file>', 'file to write (JSON: standard output when omitted)')
    .option('--separator <char>', "CSV separator: ';' (decimal commas, French Excel) or ','", ';')
    .option('--business-hours', 'first-response times in business hours instead of calendar time')
    .option('--targets', 'add the section "Respect des objectifs de réponse" (response targets)')
    .action(async (options: ReportOptions) => {
      const format = options.format as ExportFormat;
      if (!exportFormats.includes(format)) {
        throw new AppError('invalid_input', `--format must be one of ${exportFormats.join(', ')}.`);
      }
      if (options.separator !== ';' && options.separator !== ',') {
        throw new AppError('invalid_input', "--separator must be ';' or ','.");
      }
      if (!options.out && format !== 'json')
        throw new AppError('invalid_input', `--out is required for ${format}.`);
      const period = periodOf(options);
      if (options.out) await checkOutputFolder(options.out);
      await withDatabase(async (database) => {
        await refreshPlannerStatistics(database);
        const { model, report } = await buildActivityReport(
          database.db,
          period,
          { mailboxes: options.mailbox, departements: options.departement },
          options.businessHours ? 'business' : 'calendar',
          { targets: options.targets === true },
        );
        const exported = await exportReport(format, freshContent(model, report), {
          separator: options.separator as ',' | ';',
        });
        if (options.out) {
          await writeAtomically(options.out, exported.bytes);
          const tickets = model.mailboxes.reduce((sum, m) => sum + m.current.tickets, 0);
          process.stderr.write(
            `Report ${period.label}: ${tickets} tickets, written to ${options.out}\n`,
          );
        } else {
          process.stdout.write(exported.bytes);
        }
      });
    });
}
