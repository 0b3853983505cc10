/**
 * A report section's blocks as pdfmake content: paragraphs, tables (header row,
 * rows greyed when grouped under "Autre" in the chart, bold total, note below)
 * and charts (ECharts SVG).
 */
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type {
  ReportBlock,
  ReportSection,
  ReportTable,
  TableRow,
} from '../model/activity-report-types.ts';
import { isEmptyChart } from './chart-options.ts';
import { formatCell, isNumericCell } from './format-cell.ts';
import { renderChartSvg } from './render-chart-svg.ts';

export const PDF_COLORS = {
  accent: '#2f5597',
  header: '#2f5597',
  grouped: '#d9d9d9',
  total: '#dde4f0',
  muted: '#595959',
};

/** Charts are drawn at this size (px) and scaled to the text width. */
const CHART_SIZE = { width: 720, height: 430 };
const TEXT_WIDTH = 495;

/** Longest unbroken run printed in a table cell before a break opportunity is added. */
const MAX_WORD = 32;

/**
 * pdfmake wraps only between words, so a 300-character value without spaces
 * would run out of the page: add zero-width spaces inside very long words.
 */
export function breakLongWords(text: string): string {
  return text.replace(new RegExp(`\\S{${MAX_WORD}}(?=\\S)`, 'g'), (run) => `${run}\u200b`);
}

function rowCells(
  row: TableRow,
  width: number,
  style: { bold?: boolean; fill?: string },
): TableCell[] {
  return Array.from({ length: width }, (_, index) => {
    const cell = row.cells[index];
    const content: TableCell = {
      text: breakLongWords(formatCell(cell)),
      alignment: isNumericCell(cell) ? 'right' : 'left',
      bold: style.bold ?? false,
    };
    return style.fill ? { ...content, fillColor: style.fill } : content;
  });
}

function tableContent(table: ReportTable): Content[] {
  const width = table.columns.length;
  const header: TableCell[] = table.columns.map((column, index) => ({
    text: column,
    bold: true,
    color: '#ffffff',
    fillColor: PDF_COLORS.header,
    alignment: index === 0 ? 'left' : 'right',
  }));
  const body: TableCell[][] = [
    header,
    ...table.rows.map((row) =>
      rowCells(row, width, row.groupedInChart ? { fill: PDF_COLORS.grouped } : {}),
    ),
  ];
  if (table.total) body.push(rowCells(table.total, width, { bold: true, fill: PDF_COLORS.total }));
  const content: Content[] = [
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: ['*', ...Array.from({ length: width - 1 }, () => 'auto' as const)],
        body,
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, table.note ? 0 : 12],
    },
  ];
  if (table.note) content.push({ text: table.note, style: 'note' });
  return content;
}

function blockContent(block: ReportBlock): Content[] {
  switch (block.kind) {
    case 'text':
      return block.paragraphs.map(
        (paragraph): Content => ({ text: paragraph, margin: [0, 0, 0, 8] }),
      );
    case 'table':
      return tableContent(block.table);
    case 'chart':
      if (isEmptyChart(block.chart)) return [];
      return [
        { svg: renderChartSvg(block.chart, CHART_SIZE), width: TEXT_WIDTH, margin: [0, 8, 0, 12] },
      ];
  }
}

/** The pdfmake content of one section, block by block. */
export function sectionContent(section: ReportSection): Content[] {
  return section.blocks.flatMap(blockContent);
}
