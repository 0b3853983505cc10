/**
 * The activity report as a presentation (pptxgenjs): a title slide, the
 * contents, a divider per part, then one slide per section with its texts,
 * tables and native charts (editable, their data inside the file). A table
 * too long for one slide continues on "(suite)" slides with its header
 * repeated; the chart stays on the section's first slide. Definitions close it.
 */
import type {
  ActivityReport,
  ReportSection,
  ReportTable,
} from '../../shared/reports/model/activity-report-types.ts';
import { isEmptyChart } from '../../shared/reports/render/chart-options.ts';
import { sectionHeading, xmlText } from '../../shared/reports/render/format-cell.ts';
import {
  BODY,
  BODY_WIDTH,
  paginateTable,
  SLIDE,
  type TablePage,
  tableGeometry,
  textHeight,
} from './pptx-layout.ts';
import {
  addChart,
  addParagraphs,
  addTablePage,
  type Box,
  FONT,
  PPTX_COLORS,
} from './pptx-slides.ts';
import { PptxGenJS, type Presentation, type Slide } from './pptxgen.ts';

const MASTER = 'GUICHET_REPORT';
const TEXT_SIZE = 14;
const GAP = 0.3;
/** Tables beside charts take this much of the width. */
const TABLE_COLUMN = 6.6;

function defineMaster(pptx: Presentation, report: ActivityReport): void {
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: 'FFFFFF' },
    objects: [
      { rect: { x: 0, y: 0, w: SLIDE.width, h: 0.12, fill: { color: PPTX_COLORS.accent } } },
      {
        text: {
          text: xmlText(report.title),
          options: {
            x: SLIDE.margin,
            y: 7.0,
            w: 8,
            h: 0.35,
            fontFace: FONT,
            fontSize: 9,
            color: PPTX_COLORS.muted,
          },
        },
      },
    ],
    slideNumber: {
      x: 12.2,
      y: 7.0,
      w: 0.7,
      h: 0.35,
      fontFace: FONT,
      fontSize: 9,
      color: PPTX_COLORS.muted,
    },
  });
}

function slideWithTitle(pptx: Presentation, title: string): Slide {
  const slide = pptx.addSlide({ masterName: MASTER });
  slide.addText(xmlText(title), {
    x: SLIDE.margin,
    y: 0.35,
    w: BODY_WIDTH,
    h: 0.7,
    fontFace: FONT,
    fontSize: 24,
    bold: true,
    color: PPTX_COLORS.accent,
  });
  return slide;
}

function addTitleSlide(pptx: Presentation, report: ActivityReport): void {
  const slide = pptx.addSlide({ masterName: MASTER });
  addParagraphs(slide, report.heading, { x: 1, y: 1.2, w: 11.33, h: 2 }, 18, { align: 'center' });
  slide.addText(xmlText(report.title), {
    x: 1,
    y: 3.4,
    w: 11.33,
    h: 1.2,
    fontFace: FONT,
    fontSize: 40,
    bold: true,
    color: PPTX_COLORS.accent,
    align: 'center',
  });
  if (report.emptyNotice) {
    addParagraphs(slide, [report.emptyNotice], { x: 1, y: 5, w: 11.33, h: 1 }, 18, {
      italic: true,
    });
  }
}

function addContentsSlide(pptx: Presentation, report: ActivityReport): void {
  const lines = report.parts.flatMap((part) => [
    { text: `${part.number}/ ${part.title}`, bold: true },
    ...report.sections
      .filter((section) => section.part === part.number)
      .map((section) => ({ text: `    ${sectionHeading(section)}`, bold: false })),
  ]);
  const slide = slideWithTitle(pptx, 'Sommaire');
  const perColumn = Math.ceil(lines.length / (lines.length > 18 ? 2 : 1));
  for (let column = 0; column * perColumn < lines.length; column += 1) {
    const chunk = lines.slice(column * perColumn, (column + 1) * perColumn);
    slide.addText(
      chunk.map((line, index) => ({
        text: xmlText(line.text),
        options: { bold: line.bold, breakLine: index < chunk.length - 1 },
      })),
      {
        x: SLIDE.margin + column * 6.2,
        y: BODY.top,
        w: 6,
        h: BODY.bottom - BODY.top,
        fontFace: FONT,
        fontSize: 13,
        valign: 'top',
      },
    );
  }
}

function addPartSlide(pptx: Presentation, number: number, title: string): void {
  const slide = pptx.addSlide({ masterName: MASTER });
  slide.addText(
    [
      {
        text: `#${String(number).padStart(2, '0')}`,
        options: { fontSize: 48, bold: true, breakLine: true },
      },
      { text: xmlText(title), options: { fontSize: 28 } },
    ],
    { x: 1, y: 2.2, w: 11.33, h: 3, fontFace: FONT, color: PPTX_COLORS.accent, align: 'center' },
  );
}

/** Charts side by side (no table) or stacked in the right column (beside a table). */
function chartBoxes(count: number, area: Box, stacked: boolean): Box[] {
  return Array.from({ length: count }, (_, index) =>
    stacked
      ? { x: area.x, y: area.y + (index * area.h) / count, w: area.w, h: area.h / count }
      : { x: area.x + (index * area.w) / count, y: area.y, w: area.w / count - 0.1, h: area.h },
  );
}

function addSectionSlides(pptx: Presentation, section: ReportSection): void {
  const heading = sectionHeading(section);
  const paragraphs = section.blocks.flatMap((block) =>
    block.kind === 'text' ? block.paragraphs : [],
  );
  const tables = section.blocks.flatMap((block) => (block.kind === 'table' ? [block.table] : []));
  const charts = section.blocks.flatMap((block) =>
    block.kind === 'chart' && !isEmptyChart(block.chart) ? [block.chart] : [],
  );
  const slide = slideWithTitle(pptx, heading);
  let top: number = BODY.top;
  if (paragraphs.length > 0) {
    const height = Math.min(2.4, textHeight(paragraphs, BODY_WIDTH, TEXT_SIZE));
    addParagraphs(
      slide,
      paragraphs,
      { x: SLIDE.margin, y: top, w: BODY_WIDTH, h: height },
      TEXT_SIZE,
    );
    top += height + 0.1;
  }
  const tableWidth = charts.length > 0 ? TABLE_COLUMN : BODY_WIDTH;
  if (charts.length > 0) {
    const x = tables.length > 0 ? SLIDE.margin + TABLE_COLUMN + GAP : SLIDE.margin;
    const area = { x, y: top, w: SLIDE.width - SLIDE.margin - x, h: BODY.bottom - top };
    const boxes = chartBoxes(charts.length, area, tables.length > 0);
    charts.forEach((chart, index) => {
      const box = boxes[index];
      if (box) addChart(pptx, slide, chart, box);
    });
  }
  addTables(pptx, slide, heading, tables, { top, width: tableWidth });
}

/** The tables one under the other, continuing on "(suite)" slides when they overflow. */
function addTables(
  pptx: Presentation,
  first: Slide,
  heading: string,
  tables: ReportTable[],
  start: { top: number; width: number },
): void {
  let slide = first;
  let top = start.top;
  let width = start.width;
  // A table without columns has nothing to show (and would make an invalid graphic frame).
  for (const table of tables.filter((candidate) => candidate.columns.length > 0)) {
    const geometry = tableGeometry(table, width);
    const pages: TablePage[] = paginateTable(
      table,
      geometry,
      BODY.bottom - top,
      BODY.bottom - BODY.top,
    );
    pages.forEach((page, index) => {
      if (index > 0) {
        slide = slideWithTitle(pptx, `${heading} (suite)`);
        top = BODY.top;
        width = BODY_WIDTH;
      }
      top +=
        addTablePage(slide, table, page, tableGeometry(table, width), { x: SLIDE.margin, y: top }) +
        0.1;
    });
    const note = table.note;
    if (note) {
      addParagraphs(slide, [note], { x: SLIDE.margin, y: top, w: width, h: 0.45 }, 10, {
        italic: true,
      });
      top += 0.5;
    }
    top += GAP;
  }
}

function addDefinitionsSlides(pptx: Presentation, report: ActivityReport): void {
  const perSlide = 6;
  for (let index = 0; index < report.definitions.length; index += perSlide) {
    const slide = slideWithTitle(pptx, index === 0 ? 'Définitions' : 'Définitions (suite)');
    const chunk = report.definitions.slice(index, index + perSlide);
    slide.addText(
      chunk.flatMap((definition, position) => [
        { text: `${xmlText(definition.term)} : `, options: { bold: true } },
        {
          text: xmlText(definition.text),
          options: { breakLine: position < chunk.length - 1, paraSpaceAfter: 10 },
        },
      ]),
      {
        x: SLIDE.margin,
        y: BODY.top,
        w: BODY_WIDTH,
        h: BODY.bottom - BODY.top,
        fontFace: FONT,
        fontSize: 13,
        valign: 'top',
      },
    );
  }
}

/**
 * Renders the activity report to a .pptx file's bytes.
 *
 * @example
 * await writeFile('rapport-2020.pptx', await renderPptx(report));
 */
export async function renderPptx(report: ActivityReport): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = xmlText(report.title);
  pptx.company = 'Guichet';
  pptx.author = 'Guichet';
  defineMaster(pptx, report);
  addTitleSlide(pptx, report);
  addContentsSlide(pptx, report);
  const known = new Set(report.parts.map((part) => part.number));
  for (const part of report.parts) {
    const sections = report.sections.filter((section) => section.part === part.number);
    if (sections.length === 0) continue;
    addPartSlide(pptx, part.number, part.title);
    for (const section of sections) addSectionSlides(pptx, section);
  }
  for (const section of report.sections.filter((candidate) => !known.has(candidate.part))) {
    addSectionSlides(pptx, section);
  }
  addDefinitionsSlides(pptx, report);
  const output = await pptx.write({ outputType: 'nodebuffer' });
  if (output instanceof Uint8Array)
    return Buffer.from(output.buffer, output.byteOffset, output.byteLength);
  throw new Error('pptxgenjs did not return bytes');
}
