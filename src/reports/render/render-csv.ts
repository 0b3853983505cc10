/**
 * The report's tables as CSV files in a zip, one file per table
 * (`1D-repartition-par-nature-de-probleme.csv`), for spreadsheets and other tools:
 *
 * - UTF-8 with a byte order mark, so Excel reads the accents;
 * - CRLF line ends and RFC 4180 quoting (fields holding the separator, a quote,
 *   CR or LF are quoted, quotes doubled);
 * - `,` or `;` as separator; with `;` (French Excel) decimals use a comma;
 * - formula-injection safe: a text cell starting with `=`, `+`, `-`, `@`, a tab
 *   or a CR is prefixed with `'` so no spreadsheet evaluates it (OWASP's advice).
 *
 * Counts carry no thousands separator; percentages are numbers of percent
 * (45.1 for 45,1 %) with the table's decimals, header `%` as in the report.
 */
import JSZip from 'jszip';
import type {
  ActivityReport,
  Cell,
  ReportTable,
} from '../../shared/reports/model/activity-report-types.ts';
import { reportTables } from '../../shared/reports/render/format-cell.ts';

export type CsvOptions = { separator: ',' | ';' };

const BOM = '\ufeff';
const CRLF = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text value made inert for spreadsheets: `=1+1` → `'=1+1`. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quote(field: string, separator: string): string {
  const needsQuotes =
    field.includes(separator) ||
    field.includes('"') ||
    field.includes('\r') ||
    field.includes('\n');
  return needsQuotes ? `"${field.replaceAll('"', '""')}"` : field;
}

function cellField(cell: Cell | undefined, options: CsvOptions): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'text':
      return neutraliseFormula(cell.value);
    case 'count':
      return String(cell.value);
    case 'percent': {
      const fixed = cell.value.toFixed(cell.decimals);
      return options.separator === ';' ? fixed.replace('.', ',') : fixed;
    }
    case 'empty':
      return '';
  }
}

/**
 * One table as CSV text (header, rows, total), CRLF-terminated lines, without
 * the byte order mark (renderCsv adds it to each file).
 *
 * @example
 * toCsv(table, { separator: ';' }); // "Nature de problème;Nb de Tickets;%\r\n…"
 */
export function toCsv(table: ReportTable, options: CsvOptions): string {
  const width = table.columns.length;
  const headers = table.columns.map((column) =>
    quote(neutraliseFormula(column), options.separator),
  );
  const records = [headers.join(options.separator)];
  const rows = table.total ? [...table.rows, table.total] : table.rows;
  for (const row of rows) {
    const fields = Array.from({ length: width }, (_, index) =>
      quote(cellField(row.cells[index], options), options.separator),
    );
    records.push(fields.join(options.separator));
  }
  return records.map((record) => record + CRLF).join('');
}

/** An ASCII file name: "1D" + "Répartition par nature" → "1D-repartition-par-nature". */
export function csvFileBase(table: ReportTable): string {
  const slug = table.title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const id = table.id.replace(/[^A-Za-z0-9-]+/g, '-') || 'table';
  return slug ? `${id}-${slug}` : id;
}

/**
 * Renders every table of the report as CSV files in a zip. A report without
 * data holds `LISEZMOI.txt` with its notice instead.
 *
 * @example
 * await writeFile('rapport-2020-csv.zip', await renderCsv(report, { separator: ';' }));
 */
export async function renderCsv(report: ActivityReport, options: CsvOptions): Promise<Buffer> {
  const zip = new JSZip();
  const generated = new Date(report.generatedAt);
  const date = Number.isNaN(generated.getTime()) ? new Date(0) : generated;
  const used = new Set<string>();
  for (const table of reportTables(report.sections)) {
    const base = csvFileBase(table);
    let name = `${base}.csv`;
    for (let n = 2; used.has(name); n += 1) name = `${base}-${n}.csv`;
    used.add(name);
    zip.file(name, BOM + toCsv(table, options), { date });
  }
  if (report.emptyNotice) zip.file('LISEZMOI.txt', BOM + report.emptyNotice + CRLF, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
