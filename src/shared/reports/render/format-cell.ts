/**
 * Table cells as the printed documents show them (PDF, PPTX): French
 * formatting from `../format.ts`. Spreadsheets keep numbers instead.
 */
import { formatCount, formatPercent } from '../format.ts';
import type { Cell, ReportSection, ReportTable } from '../model/activity-report-types.ts';

/** A cell's printed text: `3 039`, `45,1 %`, the label itself, or '' when empty. */
export function formatCell(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'text':
      return cell.value;
    case 'count':
      return formatCount(cell.value);
    case 'percent':
      return formatPercent(cell.value, cell.decimals);
    case 'empty':
      return '';
  }
}

/** True for cells printed right-aligned (numbers). */
export function isNumericCell(cell: Cell | undefined): boolean {
  return cell?.kind === 'count' || cell?.kind === 'percent';
}

/** The section heading used in contents and titles: "1D - Répartition par nature de problème". */
export function sectionHeading(section: ReportSection): string {
  return `${section.id} - ${section.title}`;
}

/** Every table of the report, in document order. */
export function reportTables(sections: ReportSection[]): ReportTable[] {
  return sections.flatMap((section) =>
    section.blocks.flatMap((block) => (block.kind === 'table' ? [block.table] : [])),
  );
}

/**
 * Text safe inside XML documents (XLSX, PPTX): control characters other than
 * tab, LF and CR are not allowed in XML 1.0, so they become spaces.
 */
export function xmlText(text: string): string {
  return text.replace(/[^\P{Cc}\t\n\r]/gu, ' ');
}

/** A chart label cut to `max` characters with an ellipsis (tables keep the full text). */
export function truncateLabel(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length > max
    ? `${characters
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : text;
}
