/**
 * The yearly activity report as a document (SPEC §5): sections like the
 * seed's (1A–1F, 2A–2D, 3A–3C), each made of texts, tables and charts, plus a
 * "Définitions" appendix. Plain data: every renderer (PDF, PPTX, XLSX, CSV)
 * reads this and nothing else, so all exports show the same figures.
 *
 * Numbers stay numbers here; renderers format them (French: `3 039`, `45,1 %`)
 * with `src/shared/reports/format.ts`.
 */

/** A table cell: a label, a count, or a percentage already rounded (half up) from counts. */
export type Cell =
  | { kind: 'text'; value: string }
  | { kind: 'count'; value: number }
  /** `value` is a percentage (45.1 means 45,1 %) rounded to `decimals` places. */
  | { kind: 'percent'; value: number; decimals: number }
  | { kind: 'empty' };

export type TableRow = {
  cells: Cell[];
  /** Grouped under "Autre" in the section's chart (the seed greys these rows). */
  groupedInChart?: boolean;
};

export type ReportTable = {
  /** Stable id, used for sheet and file names: e.g. "1D". */
  id: string;
  title: string;
  columns: string[];
  rows: TableRow[];
  /** The total row, printed in bold. */
  total?: TableRow;
  /** A note printed under the table (e.g. the "Autre" grouping explanation). */
  note?: string;
};

export type ChartSeries = { name: string; values: number[] };

export type ChartSpec = {
  id: string;
  /** bar: vertical bars (one group per category, one bar per series); pie; line. */
  kind: 'bar' | 'pie' | 'line';
  title: string;
  categories: string[];
  series: ChartSeries[];
};

export type ReportBlock =
  | { kind: 'text'; paragraphs: string[] }
  | { kind: 'table'; table: ReportTable }
  | { kind: 'chart'; chart: ChartSpec };

export type ReportSection = {
  /** "1A" … "3C". */
  id: string;
  /** 1 Partenaires, 2 Demandeurs, 3 Bilans. */
  part: number;
  title: string;
  blocks: ReportBlock[];
};

export type ReportPart = { number: number; title: string };

export type ActivityReport = {
  year: number;
  /** e.g. "Rapport d'activité 2020". */
  title: string;
  /** Title-page lines above the title (service name, region). */
  heading: string[];
  parts: ReportPart[];
  sections: ReportSection[];
  /** Appendix: each metric's written definition. */
  definitions: { term: string; text: string }[];
  /** Set when the period has no ticket at all: renderers print it instead of empty tables. */
  emptyNotice?: string;
  generatedAt: string;
};
