/**
 * A report section's blocks as pdfmake content: paragraphs, tables (header row,
 * rows greyed when grouped under "Autre" in the chart, bold total, note below)
 * and charts (ECharts SVG).
 */
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type {
  ChartSpec,
  ReportSection,
  ReportTable,
  TableRow,
} from '../../shared/reports/model/activity-report-types.ts';
import { isEmptyChart } from '../../shared/reports/render/chart-options.ts';
import { formatCell, isNumericCell } from '../../shared/reports/render/format-cell.ts';
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
const SMALL_CHART_SIZE = { width: 440, height: 360 };
const TEXT_WIDTH = 495;

/** Longest unbroken run printed in a table cell before a break opportunity is added. */
const MAX_WORD = 32;

/**
 * pdfmake wraps only between words, so a 300-character value without spaces
 * would run out of the page: add zero-width spaces inside very long words.
 */
export function breakLongWords(text: string): string {
  return text.replace(new RegExp(`\\S{${MAX_WORD}}(?=\\S)`, 'gu'), (run) => `${run}\u200b`);
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
  if (width === 0) return [];
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
  if (table.note) content.push({ text: breakLongWords(table.note), style: 'note' });
  return content;
}

function chartsContent(charts: ChartSpec[]): Content[] {
  if (charts.length === 1 && charts[0]) {
    return [
      { svg: renderChartSvg(charts[0], CHART_SIZE), width: TEXT_WIDTH, margin: [0, 8, 0, 12] },
    ];
  }
  // Two charts in a row (e.g. the two satisfaction pies of 3C) stand side by side.
  const width = (TEXT_WIDTH - 10) / 2;
  const rows: Content[] = [];
  for (let index = 0; index < charts.length; index += 2) {
    const pair = charts.slice(index, index + 2);
    rows.push({
      columns: pair.map(
        (chart): Content => ({ svg: renderChartSvg(chart, SMALL_CHART_SIZE), width }),
      ),
      columnGap: 10,
      margin: [0, 8, 0, 12],
    });
  }
  return rows;
}

/**
 * The pdfmake content of one section, block by block; consecutive charts are
 * drawn two by two.
 */
export function sectionContent(section: ReportSection): Content[] {
  const content: Content[] = [];
  let charts: ChartSpec[] = [];
  const flush = () => {
    content.push(...(charts.length > 0 ? chartsContent(charts) : []));
    charts = [];
  };
  for (const block of section.blocks) {
    if (block.kind === 'chart') {
      if (!isEmptyChart(block.chart)) charts.push(block.chart);
      continue;
    }
    flush();
    if (block.kind === 'text') {
      content.push(
        ...block.paragraphs.map(
          (paragraph): Content => ({ text: breakLongWords(paragraph), margin: [0, 0, 0, 8] }),
        ),
      );
    } else {
      content.push(...tableContent(block.table));
    }
  }
  flush();
  return content;
}
