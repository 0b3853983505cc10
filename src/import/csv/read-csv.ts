/**
 * Streaming CSV reader (RFC 4180 through `csv-parse`): one record per row,
 * keyed by the header's column names, with the line each row starts on. A
 * malformed row (unclosed quote, …) is reported and the next one is read.
 */
import { createReadStream } from 'node:fs';
import { type CastingContext, type Info, parse } from 'csv-parse';
import type { SourceItem } from '../shared/read-records.ts';

/** Reads `file` as CSV with a header row. */
export async function* readCsv(
  file: string,
  options: { delimiter?: string; onBytes?: (bytes: number) => void } = {},
): AsyncGenerator<SourceItem> {
  const problems: SourceItem[] = [];
  let read = 0;
  const input = createReadStream(file);
  input.on('data', (chunk) => {
    read += chunk.length;
    options.onBytes?.(read);
  });
  const parser = input.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map((name) => name.trim()),
      delimiter: options.delimiter ?? ',',
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      cast: (value: string, _context: CastingContext) => value.replaceAll('\u0000', ''),
    }),
  );
  parser.on('skip', (error: Error & { lines?: number }) => {
    problems.push({
      kind: 'problem',
      file,
      line: error.lines ?? 0,
      reason: `malformed CSV: ${error.message}`,
    });
  });
  let rows = 0;
  for await (const item of parser as AsyncIterable<{
    record: Record<string, string>;
    info: Info;
  }>) {
    while (problems.length) yield problems.shift() as SourceItem;
    rows++;
    const bytes = Object.values(item.record).reduce((sum, v) => sum + String(v).length, 0);
    yield { kind: 'record', file, line: item.info.lines, value: item.record, warnings: [], bytes };
  }
  yield* problems;
  if (rows === 0)
    yield { kind: 'problem', file, line: 0, reason: 'empty file: no row under the header' };
}
