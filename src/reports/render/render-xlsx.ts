/**
 * The report's tables as an Excel workbook (exceljs): a "Sommaire" sheet
 * listing the tables with links, then one sheet per table named after its id
 * and title. Counts are numbers (`#,##0`), percentages are fractions with a
 * percent format of the table's decimals (45,1 % is 0.451 shown `0.0%`), so
 * spreadsheets compute with them. Labels are always stored as text, never as
 * formulas, whatever they start with. The total row is bold; a count total that
 * equals its column's sum is a SUM formula whose cached result is that total.
 */
import ExcelJS from 'exceljs';
import type {
  ActivityReport,
  Cell,
  ReportTable,
  TableRow,
} from '../../shared/reports/model/activity-report-types.ts';
import { reportTables, xmlText } from '../../shared/reports/render/format-cell.ts';

const HEADER_FILL = 'FF2F5597';
const GROUPED_FILL = 'FFD9D9D9';
const TOTAL_FILL = 'FFDDE4F0';
const MAX_SHEET_NAME = 31;

/**
 * An Excel sheet name: no `[ ] : * ? / \`, not starting or ending with an
 * apostrophe, at most 31 characters, unique (case-insensitive) among `used`.
 */
export function sheetName(wanted: string, used: Set<string>): string {
  const clean =
    trimEdges(wanted.replace(/[[\]:*?/\\\p{Cc}]/gu, ' ').replace(/\s+/g, ' ')) || 'Tableau';
  let name = trimEdges(cut(clean, MAX_SHEET_NAME));
  for (let n = 2; used.has(name.toLowerCase()) || name.toLowerCase() === 'history'; n += 1) {
    const suffix = ` (${n})`;
    name = trimEdges(cut(clean, MAX_SHEET_NAME - suffix.length)) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

/** The first `max` UTF-16 units (Excel's measure), without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  const head = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/** Excel refuses a sheet name starting or ending with an apostrophe (cutting can leave one). */
function trimEdges(name: string): string {
  return name.replace(/^[\s']+|[\s']+$/g, '');
}

/** The number format of a percentage with `decimals` places: 0 → `0%`, 1 → `0.0%`. */
export function percentFormat(decimals: number): string {
  return decimals > 0 ? `0.${'0'.repeat(decimals)}%` : '0%';
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function writeCell(target: ExcelJS.Cell, cell: Cell | undefined): void {
  if (!cell || cell.kind === 'empty') return;
  if (cell.kind === 'text') {
    // A plain string: exceljs only writes a formula for { formula } values.
    target.value = xmlText(cell.value);
  } else if (cell.kind === 'count') {
    target.value = cell.value;
    target.numFmt = '#,##0';
  } else {
    target.value = Number((cell.value / 100).toFixed(cell.decimals + 2));
    target.numFmt = percentFormat(cell.decimals);
  }
}

function fill(row: ExcelJS.Row, argb: string, width: number): void {
  for (let index = 1; index <= width; index += 1) {
    row.getCell(index).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
  }
}

/** A SUM over the rows when the total's count equals it (the cached result is the total). */
function writeTotal(sheet: ExcelJS.Worksheet, table: ReportTable, total: TableRow): void {
  const width = table.columns.length;
  const row = sheet.addRow([]);
  const last = table.rows.length + 1;
  for (let index = 0; index < width; index += 1) {
    const cell = total.cells[index];
    const target = row.getCell(index + 1);
    writeCell(target, cell);
    if (cell?.kind !== 'count' || table.rows.length === 0) continue;
    const sum = table.rows.reduce((acc, r) => {
      const c = r.cells[index];
      return acc + (c?.kind === 'count' ? c.value : 0);
    }, 0);
    if (sum === cell.value) {
      const column = columnLetter(index);
      target.value = { formula: `SUM(${column}2:${column}${last})`, result: cell.value };
    }
  }
  row.font = { bold: true };
  fill(row, TOTAL_FILL, width);
}

function columnWidths(table: ReportTable): number[] {
  return table.columns.map((column, index) => {
    const lengths = [...table.rows, ...(table.total ? [table.total] : [])].map((row) => {
      const cell = row.cells[index];
      return cell?.kind === 'text' ? cell.value.length : 10;
    });
    return Math.min(60, Math.max(10, column.length + 2, ...lengths.map((length) => length + 2)));
  });
}

function addTableSheet(workbook: ExcelJS.Workbook, table: ReportTable, name: string): void {
  const width = table.columns.length;
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columnWidths(table).map((columnWidth, index) => ({
    width: columnWidth,
    style: index === 0 ? { alignment: { wrapText: true, vertical: 'top' } } : {},
  }));
  const header = sheet.addRow(table.columns.map(xmlText));
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  fill(header, HEADER_FILL, width);
  for (const row of table.rows) {
    const added = sheet.addRow([]);
    row.cells.slice(0, width).forEach((cell, index) => {
      writeCell(added.getCell(index + 1), cell);
    });
    if (row.groupedInChart) fill(added, GROUPED_FILL, width);
  }
  if (table.total) writeTotal(sheet, table, table.total);
  if (table.note) {
    sheet.addRow([]);
    const note = sheet.addRow([xmlText(table.note)]);
    note.font = { italic: true };
  }
}

function addContentsSheet(
  workbook: ExcelJS.Workbook,
  report: ActivityReport,
  sheets: { table: ReportTable; name: string }[],
): void {
  const sheet = workbook.addWorksheet('Sommaire');
  sheet.columns = [{ width: 10 }, { width: 60 }, { width: 36 }];
  sheet.addRow([xmlText(report.title)]).font = { bold: true, size: 14 };
  if (report.emptyNotice) sheet.addRow([xmlText(report.emptyNotice)]).font = { italic: true };
  sheet.addRow([]);
  const header = sheet.addRow(['Tableau', 'Titre', 'Feuille']);
  header.font = { bold: true };
  for (const { table, name } of sheets) {
    const row = sheet.addRow([xmlText(table.id), xmlText(table.title)]);
    row.getCell(3).value = { text: name, hyperlink: `#'${name.replaceAll("'", "''")}'!A1` };
    row.getCell(3).font = { color: { argb: 'FF0563C1' }, underline: true };
  }
}

/**
 * Renders the report's tables to an .xlsx file's bytes.
 *
 * @example
 * await writeFile('rapport-2020.xlsx', await renderXlsx(report));
 */
export async function renderXlsx(report: ActivityReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Guichet';
  workbook.title = report.title;
  const generated = new Date(report.generatedAt);
  if (!Number.isNaN(generated.getTime())) {
    workbook.created = generated;
    workbook.modified = generated;
  }
  const used = new Set<string>(['sommaire']);
  const sheets = reportTables(report.sections).map((table) => ({
    table,
    name: sheetName(`${table.id} ${table.title}`, used),
  }));
  addContentsSheet(workbook, report, sheets);
  for (const { table, name } of sheets) addTableSheet(workbook, table, name);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
