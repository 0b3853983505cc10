/**
 * Reads the directory CSV a supervisor uploads (exported from a spreadsheet):
 *
 *   nom;type;département;domaines
 *   Bailleur 44;Bailleur social;44;bailleur-44.example.org, mail.bailleur-44.example.org
 *
 * UTF-8 with or without BOM, CRLF or LF, `;` or `,` between columns (the
 * header line decides), RFC 4180 quotes. The header row is optional: when the
 * first row names the columns (nom/name, type, département, domaines/domains,
 * in any order) it maps them; otherwise the columns are in that order.
 * Domains in a cell are separated by `;`, `,` or spaces. A malformed row is
 * reported with its line and the next one is read. Pure: no database.
 */
import { type Info, parse } from 'csv-parse/sync';
import { foldLabel } from './directory-fields.ts';

export type DirectoryCsvRow = {
  line: number;
  name: string;
  type: string;
  departement: string;
  domains: string[];
};

export type DirectoryCsvProblem = { line: number; message: string };

export type ParsedDirectoryCsv = { rows: DirectoryCsvRow[]; problems: DirectoryCsvProblem[] };

/** The most rows one file may hold (the directory has hundreds of organisations). */
export const maxDirectoryRows = 10_000;
const maxCell = 2_000;

type Column = 'name' | 'type' | 'departement' | 'domains';

const headerNames: Record<string, Column> = {
  nom: 'name',
  name: 'name',
  organisation: 'name',
  organization: 'name',
  type: 'type',
  'type de partenaire': 'type',
  'partner type': 'type',
  departement: 'departement',
  department: 'departement',
  domaines: 'domains',
  domaine: 'domains',
  domains: 'domains',
  domain: 'domains',
};

/** `;` when the first line has more semicolons than commas outside quotes, else `,`. */
function delimiterOf(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const c of text.slice(0, 10_000)) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ';') semicolons++;
    else if (!quoted && c === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Where each column is, from a header row; null when the row is data. */
function headerMapping(cells: string[]): Map<Column, number> | null {
  const mapping = new Map<Column, number>();
  cells.forEach((cell, index) => {
    const column = headerNames[foldLabel(cell)];
    if (column && !mapping.has(column)) mapping.set(column, index);
  });
  return mapping.has('name') ? mapping : null;
}

const positional = new Map<Column, number>([
  ['name', 0],
  ['type', 1],
  ['departement', 2],
  ['domains', 3],
]);

/** A spreadsheet would run a cell starting with one of these as a formula (CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

function rowProblem(cells: string[]): string | null {
  if (cells.some((c) => c.includes('\uFFFD')))
    return 'the line is not valid UTF-8: save the file as “CSV UTF-8”';
  if (cells.some((c) => c.length > maxCell)) return `a cell is longer than ${maxCell} characters`;
  if (cells.some((c) => c.includes('\0'))) return 'the line contains a NUL character';
  return null;
}

/** Parses the file's bytes; never throws on content (problems are returned by line). */
export function parseDirectoryCsv(bytes: Uint8Array): ParsedDirectoryCsv {
  // Invalid bytes become U+FFFD and their line is reported; the others are read.
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  const problems: DirectoryCsvProblem[] = [];
  const records = parse(text, {
    delimiter: delimiterOf(text),
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const lines = (error as { lines?: number } | undefined)?.lines ?? 0;
      problems.push({ line: lines, message: `malformed CSV: ${error?.message ?? 'bad row'}` });
      return undefined;
    },
  }) as unknown as { record: string[]; info: Info }[];
  const rows: DirectoryCsvRow[] = [];
  let mapping = positional;
  let tooMany = false;
  records.forEach(({ record, info }, index) => {
    const line = info.lines;
    const cells = record.map((c) => c.trim());
    if (index === 0) {
      const header = headerMapping(cells);
      if (header) {
        mapping = header;
        return;
      }
    }
    if (cells.every((c) => c === '')) return;
    if (rows.length >= maxDirectoryRows) {
      if (!tooMany)
        problems.push({ line, message: `more than ${maxDirectoryRows} rows: the rest is ignored` });
      tooMany = true;
      return;
    }
    const problem = rowProblem(cells);
    if (problem) {
      problems.push({ line, message: problem });
      return;
    }
    const cell = (column: Column) => {
      const at = mapping.get(column);
      return at === undefined ? '' : (cells[at] ?? '');
    };
    const name = cell('name');
    if (formulaStart.test(name)) {
      problems.push({
        line,
        message: `the name starts with “${name[0]}”: spreadsheet formulas are refused`,
      });
      return;
    }
    rows.push({
      line,
      name,
      type: cell('type'),
      departement: cell('departement'),
      domains: cell('domains')
        .split(/[;,\s]+/)
        .filter((d) => d !== ''),
    });
  });
  return { rows, problems };
}
