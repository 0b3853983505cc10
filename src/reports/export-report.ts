/**
 * One entry point for every export format, shared by the CLI and the HTTP
 * routes so both produce the same bytes.
 */
import type { ActivityReport } from '../shared/reports/model/activity-report-types.ts';
import type { ReportJson } from '../shared/reports/render/report-json-types.ts';
import type { ReportModel } from './model/build-report-model.ts';
import { renderJson, reportJson } from './render/render-json.ts';

export const exportFormats = ['pdf', 'pptx', 'xlsx', 'csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

const contentTypes: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'application/zip',
  json: 'application/json; charset=utf-8',
};

/**
 * What an export shows: the document (every format but JSON) and its numbers
 * (JSON). A fresh computation gives both; a published report gives its frozen pair.
 */
export type ReportContent = { report: ActivityReport; numbers: ReportJson };

/** The exportable content of a freshly computed report. */
export const freshContent = (model: ReportModel, report: ActivityReport): ReportContent => ({
  report,
  numbers: reportJson(model),
});

export type ExportedReport = { bytes: Buffer; contentType: string; fileName: string };

/**
 * Renders a report in `format`. CSV is a zip of one file per table; `separator`
 * ';' also writes decimal commas (French Excel).
 */
export async function exportReport(
  format: ExportFormat,
  content: ReportContent,
  options: { separator?: ',' | ';' } = {},
): Promise<ExportedReport> {
  const bytes = await render(format, content, options.separator ?? ';');
  const extension = format === 'csv' ? 'zip' : format;
  const slug = content.numbers.period.label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return {
    bytes,
    contentType: contentTypes[format],
    fileName: `rapport-activite-${slug}.${extension}`,
  };
}

/** Renderers are loaded on demand: pdfmake, pptxgenjs and exceljs weigh on every CLI start otherwise. */
async function render(
  format: ExportFormat,
  { report, numbers }: ReportContent,
  separator: ',' | ';',
): Promise<Buffer> {
  switch (format) {
    case 'pdf':
      return (await import('./render/render-pdf.ts')).renderPdf(report);
    case 'pptx':
      return (await import('./render/render-pptx.ts')).renderPptx(report);
    case 'xlsx':
      return (await import('./render/render-xlsx.ts')).renderXlsx(report);
    case 'csv':
      return (await import('./render/render-csv.ts')).renderCsv(report, { separator });
    case 'json':
      return renderJson(numbers);
  }
}
