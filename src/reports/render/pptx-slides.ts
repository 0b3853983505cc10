/**
 * The building blocks of the PPTX: a native chart (bar with its series side by
 * side, pie, line — editable in PowerPoint and LibreOffice, with its data
 * sheet), a table page, and text boxes. Positions come from pptx-layout.ts.
 */
import type {
  ChartSpec,
  ReportTable,
  TableRow,
} from '../../shared/reports/model/activity-report-types.ts';
import { CHART_COLORS } from '../../shared/reports/render/chart-options.ts';
import {
  formatCell,
  isNumericCell,
  truncateLabel,
  xmlText,
} from '../../shared/reports/render/format-cell.ts';
import {
  rowHeight,
  rowTexts,
  TABLE_FONT_SIZE,
  type TableGeometry,
  type TablePage,
} from './pptx-layout.ts';
import type {
  ChartName,
  ChartOptions,
  TableRow as PptxTableRow,
  Presentation,
  Slide,
  TableCell,
  TableCellProps,
} from './pptxgen.ts';

export type Box = { x: number; y: number; w: number; h: number };

export const PPTX_COLORS = {
  accent: '2F5597',
  grouped: 'D9D9D9',
  total: 'DDE4F0',
  border: 'BFBFBF',
  muted: '595959',
};
export const FONT = 'Calibri';

/** Longer category labels squeeze the plot area to nothing; the tables keep the full text. */
const CHART_LABEL_MAX = 40;

const chartColors = CHART_COLORS.map((color) => color.replace('#', ''));

function chartType(pptx: Presentation, spec: ChartSpec): ChartName {
  if (spec.kind === 'pie') return pptx.ChartType.pie;
  return spec.kind === 'line' ? pptx.ChartType.line : pptx.ChartType.bar;
}

function kindOptions(spec: ChartSpec): ChartOptions {
  if (spec.kind === 'pie') {
    return {
      showPercent: true,
      showValue: false,
      dataLabelFontSize: 8,
      dataLabelFormatCode: '0.0%',
      dataLabelPosition: 'bestFit',
      showLeaderLines: true,
      showLegend: true,
      legendPos: 'r',
      legendFontSize: 9,
    };
  }
  const common: ChartOptions = {
    showValue: true,
    dataLabelFormatCode: '#,##0',
    dataLabelFontSize: 8,
    valAxisLabelFormatCode: '#,##0',
    catAxisLabelFontSize: 9,
    showLegend: spec.series.length > 1,
    legendPos: 'b',
  };
  if (spec.kind === 'line') return { ...common, dataLabelPosition: 't', lineDataSymbol: 'circle' };
  return {
    ...common,
    barDir: 'col',
    barGrouping: 'clustered',
    barGapWidthPct: 60,
    dataLabelPosition: 'outEnd',
  };
}

/** A native chart: its values live in the chart part (and its embedded sheet), not in a picture. */
export function addChart(pptx: Presentation, slide: Slide, spec: ChartSpec, box: Box): void {
  const labels = spec.categories.map((category) =>
    xmlText(truncateLabel(category, CHART_LABEL_MAX)),
  );
  const data = spec.series.map((series) => ({
    name: xmlText(series.name),
    labels,
    values: series.values,
  }));
  slide.addChart(chartType(pptx, spec), data, {
    ...box,
    ...kindOptions(spec),
    showTitle: true,
    title: xmlText(spec.title),
    titleFontSize: 12,
    titleFontFace: FONT,
    chartColors: spec.kind === 'pie' ? chartColors : chartColors.slice(0, spec.series.length),
  });
}

function tableRow(
  row: TableRow,
  width: number,
  style: { bold?: boolean; fill?: string },
): TableCell[] {
  return Array.from({ length: width }, (_, index) => {
    const cell = row.cells[index];
    const options: TableCellProps = {
      bold: style.bold ?? false,
      align: isNumericCell(cell) ? 'right' : 'left',
    };
    if (style.fill) options.fill = { color: style.fill };
    return { text: xmlText(formatCell(cell)), options };
  });
}

/** One page of a table at (x, y); returns its estimated height. */
export function addTablePage(
  slide: Slide,
  table: ReportTable,
  page: TablePage,
  geometry: TableGeometry,
  at: { x: number; y: number },
): number {
  const width = table.columns.length;
  const header: TableCell[] = table.columns.map((column, index) => ({
    text: xmlText(column),
    options: {
      bold: true,
      color: 'FFFFFF',
      fill: { color: PPTX_COLORS.accent },
      align: index === 0 ? 'left' : 'right',
    },
  }));
  const rows: PptxTableRow[] = [header];
  const heights = [rowHeight(table.columns, geometry)];
  for (const row of page.rows) {
    rows.push(tableRow(row, width, row.groupedInChart ? { fill: PPTX_COLORS.grouped } : {}));
    heights.push(rowHeight(rowTexts(row, width), geometry));
  }
  if (page.withTotal && table.total) {
    rows.push(tableRow(table.total, width, { bold: true, fill: PPTX_COLORS.total }));
    heights.push(rowHeight(rowTexts(table.total, width), geometry));
  }
  slide.addTable(rows, {
    x: at.x,
    y: at.y,
    w: geometry.width,
    colW: geometry.colW,
    rowH: heights,
    fontFace: FONT,
    fontSize: TABLE_FONT_SIZE,
    valign: 'middle',
    margin: 0.04,
    border: { type: 'solid', pt: 0.5, color: PPTX_COLORS.border },
  });
  return heights.reduce((sum, height) => sum + height, 0);
}

/** Paragraphs in a text box. */
export function addParagraphs(
  slide: Slide,
  paragraphs: string[],
  box: Box,
  fontSize: number,
  options: { italic?: boolean; align?: 'left' | 'center' } = {},
): void {
  slide.addText(
    paragraphs.map((paragraph, index) => ({
      text: xmlText(paragraph),
      options: { breakLine: index < paragraphs.length - 1, paraSpaceAfter: 6 },
    })),
    {
      ...box,
      fontFace: FONT,
      fontSize,
      valign: 'top',
      italic: options.italic ?? false,
      align: options.align ?? 'left',
    },
  );
}
