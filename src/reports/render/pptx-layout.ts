/**
 * Where things go on a 16:9 slide (inches, pptxgenjs' LAYOUT_WIDE: 13.33 × 7.5)
 * and how long tables are split across slides. Pure arithmetic on estimates:
 * a presentation has no layout engine, so row heights are set explicitly from
 * the same estimate that decides the split, and text never runs off a slide.
 */
import type { ReportTable, TableRow } from '../../shared/reports/model/activity-report-types.ts';
import { formatCell } from '../../shared/reports/render/format-cell.ts';

export const SLIDE = { width: 13.333, height: 7.5, margin: 0.5 } as const;
/** The body, between the title and the footer. */
export const BODY = { top: 1.2, bottom: 6.85 } as const;
export const BODY_WIDTH = SLIDE.width - 2 * SLIDE.margin;

export const TABLE_FONT_SIZE = 10;
/** One line of 10 pt text in a cell, and the cell's top and bottom margins. */
const LINE_HEIGHT = 0.2;
const CELL_PADDING = 0.1;
/** Average characters per inch at 10 pt, kept low so estimates err on the tall side. */
const CHARS_PER_INCH = 12;
/** Width of each column after the first (numbers). */
const NUMBER_COLUMN = 1.25;

export type TableGeometry = { width: number; colW: number[] };

/** Column widths: numbers get a fixed width, the label column what is left of `maxWidth`. */
export function tableGeometry(table: ReportTable, maxWidth: number): TableGeometry {
  const others = Math.max(0, table.columns.length - 1);
  const first = Math.max(2, Math.min(6, maxWidth - others * NUMBER_COLUMN));
  const colW = [first, ...Array.from({ length: others }, () => NUMBER_COLUMN)];
  return { width: colW.reduce((sum, width) => sum + width, 0), colW };
}

function lines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * CHARS_PER_INCH));
  return text
    .split(/\r?\n/)
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

/** The estimated height of a row: its tallest cell. */
export function rowHeight(cells: string[], geometry: TableGeometry): number {
  const tallest = cells.reduce(
    (max, text, index) => Math.max(max, lines(text, (geometry.colW[index] ?? 1) - 0.1)),
    1,
  );
  return tallest * LINE_HEIGHT + CELL_PADDING;
}

/** A row's printed cells, padded to the table's width. */
export function rowTexts(row: TableRow, width: number): string[] {
  return Array.from({ length: width }, (_, index) => formatCell(row.cells[index]));
}

/** A slice of a table for one slide: the header is repeated on each. */
export type TablePage = { rows: TableRow[]; withTotal: boolean; continued: boolean };

/**
 * Splits a table's rows into pages: the first gets `firstHeight` inches, the
 * next ones `nextHeight`. The header repeats on every page; the total row goes
 * on the last. Each page holds at least one row, whatever its height.
 */
export function paginateTable(
  table: ReportTable,
  geometry: TableGeometry,
  firstHeight: number,
  nextHeight: number,
): TablePage[] {
  const width = table.columns.length;
  const header = rowHeight(table.columns, geometry);
  const items: { row: TableRow; height: number; total: boolean }[] = table.rows.map((row) => ({
    row,
    height: rowHeight(rowTexts(row, width), geometry),
    total: false,
  }));
  if (table.total) {
    const total = table.total;
    items.push({ row: total, height: rowHeight(rowTexts(total, width), geometry), total: true });
  }
  const pages: TablePage[] = [];
  let current: TablePage = { rows: [], withTotal: false, continued: false };
  let room = firstHeight - header;
  for (const item of items) {
    const empty = current.rows.length === 0 && !current.withTotal;
    if (item.height > room && !empty) {
      pages.push(current);
      current = { rows: [], withTotal: false, continued: true };
      room = nextHeight - header;
    }
    if (item.total) current.withTotal = true;
    else current.rows.push(item.row);
    room -= item.height;
  }
  pages.push(current);
  return pages;
}

/** Estimated height of paragraphs of `fontSize` text in a box `width` inches wide. */
export function textHeight(paragraphs: string[], width: number, fontSize: number): number {
  const perInch = (CHARS_PER_INCH * TABLE_FONT_SIZE) / fontSize;
  const count = paragraphs.reduce(
    (sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / (width * perInch))),
    0,
  );
  return count * (fontSize / 72) * 1.5 + 0.2;
}
