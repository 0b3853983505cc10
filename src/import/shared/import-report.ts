/**
 * What a run tells people: counters for the summary, and the error report file
 * (CSV: `file,line,level,id,reason`), written as problems happen so that a
 * million bad records cost no memory.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';

export type Problem = {
  file: string;
  line: number;
  level: 'error' | 'warning';
  id?: string | null;
  reason: string;
};

const csvCell = (value: string): string => {
  // Spreadsheet formulas are neutralised (RELIABILITY #32) and cells quoted (RFC 4180).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export class ImportReport {
  errors = 0;
  warnings = 0;
  private stream: WriteStream | null = null;
  private written = false;
  private readonly firstErrors: Problem[] = [];

  /**
   * @param file where the error report goes; null keeps only the counts and the first problems.
   * @param fileLabel how a read file is named in the report (uploads: the uploaded file's name).
   */
  constructor(
    readonly file: string | null,
    private readonly fileLabel: (file: string) => string = (f) => f,
  ) {}

  add(reported: Problem): void {
    const problem = { ...reported, file: this.fileLabel(reported.file) };
    if (problem.level === 'error') this.errors++;
    else this.warnings++;
    if (this.firstErrors.length < 20) this.firstErrors.push(problem);
    if (!this.file) return;
    if (!this.stream) {
      if (this.written) throw new Error('the error report is closed');
      this.written = true;
      this.stream = createWriteStream(this.file, { flags: 'w' });
      this.stream.write('file,line,level,id,reason\n');
    }
    this.stream.write(
      `${[problem.file, String(problem.line), problem.level, problem.id ?? '', problem.reason].map(csvCell).join(',')}\n`,
    );
  }

  error(file: string, line: number, reason: string, id?: string | null): void {
    this.add({ file, line, level: 'error', id, reason });
  }

  warning(file: string, line: number, reason: string, id?: string | null): void {
    this.add({ file, line, level: 'warning', id, reason });
  }

  /** The first problems, for the summary on screen. */
  get sample(): Problem[] {
    return this.firstErrors;
  }

  /** The report's path when something was written to it. */
  get writtenTo(): string | null {
    return this.written && this.file ? path.resolve(this.file) : null;
  }

  async close(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    this.stream = null;
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(resolve);
    });
  }
}
