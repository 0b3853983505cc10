/**
 * The activity report as a PDF (pdfmake), laid out like the seed: a title
 * page, "Sommaire" with page numbers, a divider page per part, one page per
 * section (texts, tables, charts), the "Définitions" appendix and page numbers
 * in the footer. Charts are ECharts SVG drawn as vectors.
 *
 * Fonts: Roboto as shipped inside the pdfmake package (accents, « », € …);
 * nothing is downloaded, and pdfmake may read no other file and no URL.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type {
  ActivityReport,
  ReportSection,
} from '../../shared/reports/model/activity-report-types.ts';
import { sectionHeading } from '../../shared/reports/render/format-cell.ts';
import { PDF_COLORS, sectionContent } from './pdf-blocks.ts';

const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('pdfmake/fonts/Roboto.js')),
  'Roboto',
);

const fonts = {
  Roboto: {
    normal: path.join(fontDir, 'Roboto-Regular.ttf'),
    bold: path.join(fontDir, 'Roboto-Medium.ttf'),
    italics: path.join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
};

function titlePage(report: ActivityReport): Content {
  return {
    stack: [
      ...report.heading.map((line): Content => ({ text: line, style: 'coverHeading' })),
      { text: report.title, style: 'coverTitle' },
      // The year under the title, unless the title already says it ("Rapport d'activité 2020").
      ...(report.title.includes(String(report.year))
        ? []
        : [{ text: String(report.year), style: 'coverYear' }]),
    ],
    margin: [0, 180, 0, 0],
    pageBreak: 'after',
  };
}

function contents(): Content {
  return {
    toc: {
      title: { text: 'Sommaire', style: 'h1' },
      numberStyle: { bold: false },
    },
  };
}

function partPage(number: number, title: string): Content {
  return {
    stack: [
      { text: `#${String(number).padStart(2, '0')}`, style: 'partNumber' },
      {
        text: `${number}/ ${title}`,
        style: 'partTitle',
        tocItem: true,
        tocStyle: { bold: true },
        tocMargin: [0, 8, 0, 2],
      },
    ],
    margin: [0, 220, 0, 0],
    pageBreak: 'before',
  };
}

function sectionPage(section: ReportSection): Content[] {
  return [
    {
      text: sectionHeading(section),
      style: 'h2',
      tocItem: true,
      tocMargin: [16, 1, 0, 1],
      pageBreak: 'before',
    },
    ...sectionContent(section),
  ];
}

function definitionsPage(report: ActivityReport): Content[] {
  if (report.definitions.length === 0) return [];
  return [
    {
      text: 'Définitions',
      style: 'h1',
      tocItem: true,
      tocMargin: [0, 8, 0, 2],
      pageBreak: 'before',
    },
    ...report.definitions.map(
      (definition): Content => ({
        text: [{ text: `${definition.term} : `, bold: true }, definition.text],
        margin: [0, 0, 0, 8],
      }),
    ),
  ];
}

/** Sections grouped under their part, in the parts' order; sections of an unknown part last. */
function body(report: ActivityReport): Content[] {
  const known = new Set(report.parts.map((part) => part.number));
  const content: Content[] = [];
  for (const part of report.parts) {
    const sections = report.sections.filter((section) => section.part === part.number);
    if (sections.length === 0) continue;
    content.push(partPage(part.number, part.title), ...sections.flatMap(sectionPage));
  }
  const orphans = report.sections.filter((section) => !known.has(section.part));
  return [...content, ...orphans.flatMap(sectionPage)];
}

function emptyNotice(report: ActivityReport): Content[] {
  if (!report.emptyNotice) return [];
  return [{ text: report.emptyNotice, style: 'notice', pageBreak: 'before' }];
}

/** The pdfmake document: pure data, exported for tests and previews. */
export function pdfDocument(report: ActivityReport): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 50],
    info: { title: report.title, subject: report.heading.join(' — '), creator: 'Guichet' },
    content: [
      titlePage(report),
      contents(),
      ...emptyNotice(report),
      ...body(report),
      ...definitionsPage(report),
    ],
    header: (currentPage) =>
      currentPage === 1
        ? null
        : { text: report.title, style: 'pageHeader', margin: [50, 24, 50, 0] },
    footer: (currentPage, pageCount) =>
      currentPage === 1
        ? null
        : { text: `${currentPage} / ${pageCount}`, style: 'pageFooter', margin: [50, 16, 50, 0] },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      coverHeading: {
        fontSize: 14,
        alignment: 'center',
        color: PDF_COLORS.muted,
        margin: [0, 0, 0, 6],
      },
      coverTitle: {
        fontSize: 30,
        bold: true,
        alignment: 'center',
        color: PDF_COLORS.accent,
        margin: [0, 40, 0, 8],
      },
      coverYear: { fontSize: 18, alignment: 'center', color: PDF_COLORS.muted },
      h1: { fontSize: 20, bold: true, color: PDF_COLORS.accent, margin: [0, 0, 0, 16] },
      h2: { fontSize: 16, bold: true, color: PDF_COLORS.accent, margin: [0, 0, 0, 12] },
      partNumber: { fontSize: 40, bold: true, color: PDF_COLORS.accent, alignment: 'center' },
      partTitle: { fontSize: 22, alignment: 'center', margin: [0, 12, 0, 0] },
      notice: { fontSize: 14, italics: true, alignment: 'center', margin: [0, 200, 0, 0] },
      note: { fontSize: 9, italics: true, color: PDF_COLORS.muted, margin: [0, 4, 0, 12] },
      pageHeader: { fontSize: 8, color: PDF_COLORS.muted, alignment: 'right' },
      pageFooter: { fontSize: 9, color: PDF_COLORS.muted, alignment: 'center' },
    },
  };
}

/**
 * Renders the activity report to a PDF file's bytes.
 *
 * @example
 * await writeFile('rapport-2020.pdf', await renderPdf(report));
 */
export async function renderPdf(report: ActivityReport): Promise<Buffer> {
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir + path.sep));
  return pdfmake.createPdf(pdfDocument(report)).getBuffer();
}
