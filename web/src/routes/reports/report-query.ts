/**
 * The reports page's state, kept in the URL query so a report view can be shared:
 * `?period=2020&mailbox=partenaires&departement=44&value=<uuid>&organisation=<uuid>&clock=business`.
 * The same query string goes to /api/reports, /api/reports/tickets and /api/reports/export.
 */
import type { DrillTarget } from '@shared/contracts.ts';

export type Clock = 'calendar' | 'business';

export type ReportView = {
  /** "2020", "2020-Q2", "2020-03" or "2020-01-01..2020-06-30". */
  period: string;
  mailbox: string[];
  departement: string[];
  value: string[];
  organisation?: string;
  clock: Clock;
  /** With the section "Respect des objectifs de réponse" (issue 18 §6). */
  targets?: boolean;
};

export type PeriodKind = 'year' | 'quarter' | 'month' | 'range';

/** A period broken into the picker's fields. */
export type PeriodParts = {
  kind: PeriodKind;
  year: number;
  /** 1–4 */
  quarter: number;
  /** 1–12 */
  month: number;
  /** "YYYY-MM-DD", for a custom range. */
  from: string;
  to: string;
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** The last full calendar year: the report people expect to open. */
export function defaultPeriod(today: Date = new Date()): string {
  return String(today.getFullYear() - 1);
}

/** Splits a period string; anything unreadable falls back to the default year. */
export function periodParts(period: string, today: Date = new Date()): PeriodParts {
  const fallbackYear = today.getFullYear() - 1;
  const base: PeriodParts = {
    kind: 'year',
    year: fallbackYear,
    quarter: 1,
    month: 1,
    from: `${fallbackYear}-01-01`,
    to: `${fallbackYear}-12-31`,
  };
  let match = /^(\d{4})$/.exec(period);
  if (match) return { ...base, year: Number(match[1]) };
  match = /^(\d{4})-[QT]([1-4])$/i.exec(period);
  if (match) return { ...base, kind: 'quarter', year: Number(match[1]), quarter: Number(match[2]) };
  match = /^(\d{4})-(\d{2})$/.exec(period);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) {
    return { ...base, kind: 'month', year: Number(match[1]), month: Number(match[2]) };
  }
  match = /^(\d{4})-\d{2}-\d{2}\.\.(\d{4}-\d{2}-\d{2})$/.exec(period);
  if (match) {
    const [from = '', to = ''] = period.split('..');
    return { ...base, kind: 'range', year: Number(match[1]), from, to };
  }
  return base;
}

/** The period string of the picker's fields. */
export function periodString(parts: PeriodParts): string {
  switch (parts.kind) {
    case 'year':
      return String(parts.year);
    case 'quarter':
      return `${parts.year}-Q${parts.quarter}`;
    case 'month':
      return `${parts.year}-${pad(parts.month)}`;
    case 'range':
      return `${parts.from}..${parts.to}`;
  }
}

/**
 * The view described by a URL query (`location.search`); without a period, the
 * `fallbackPeriod` (the latest year with data) or else the last full year.
 */
export function parseView(
  search: string,
  today: Date = new Date(),
  fallbackPeriod?: string,
): ReportView {
  const params = new URLSearchParams(search);
  const period = params.get('period')?.trim() || fallbackPeriod || defaultPeriod(today);
  const organisation = params.get('organisation') || undefined;
  return {
    period,
    mailbox: params.getAll('mailbox').filter(Boolean),
    departement: params.getAll('departement').filter(Boolean),
    value: params.getAll('value').filter(Boolean),
    ...(organisation === undefined ? {} : { organisation }),
    clock: params.get('clock') === 'business' ? 'business' : 'calendar',
    ...(params.get('targets') === 'true' ? { targets: true } : {}),
  };
}

/** The query string of a view (no leading "?"); filters repeat, defaults are left out. */
export function viewQuery(view: ReportView): string {
  const params = new URLSearchParams();
  params.set('period', view.period);
  for (const slug of view.mailbox) params.append('mailbox', slug);
  for (const code of view.departement) params.append('departement', code);
  for (const id of view.value) params.append('value', id);
  if (view.organisation) params.set('organisation', view.organisation);
  if (view.clock === 'business') params.set('clock', 'business');
  if (view.targets) params.set('targets', 'true');
  return params.toString();
}

/**
 * The query of /api/reports/tickets: the view, narrowed to one drill target.
 * The target's value joins the view's value filters (each one narrows further).
 */
export function drillQuery(view: ReportView, target: DrillTarget): string {
  const params = new URLSearchParams(viewQuery(view));
  params.delete('mailbox');
  params.set('mailbox', target.mailbox);
  if (target.month) params.set('month', target.month);
  if (target.field) params.set('field', target.field);
  if (target.value && !params.getAll('value').includes(target.value)) {
    params.append('value', target.value);
  }
  if (target.missing) params.set('missing', 'true');
  return params.toString();
}

/** The query of one page (from 1) of a drill-down's tickets. */
export function drillPageQuery(query: string, page: number, pageSize: number): string {
  const params = new URLSearchParams(query);
  params.set('limit', String(pageSize));
  const offset = (Math.max(1, Math.floor(page)) - 1) * pageSize;
  if (offset > 0) params.set('offset', String(offset));
  else params.delete('offset');
  return params.toString();
}

export type ExportFormat = 'pdf' | 'pptx' | 'xlsx' | 'csv' | 'json';

/** The download link of one export of the view. */
export function exportHref(view: ReportView, format: ExportFormat): string {
  const params = new URLSearchParams(viewQuery(view));
  params.set('format', format);
  if (format === 'csv') params.set('separator', ';');
  return `/api/reports/export?${params.toString()}`;
}

/** The published snapshot of a year, as a PDF. */
export function publishedPdfHref(year: number): string {
  return `/api/reports/export?period=${year}&format=pdf&published=true`;
}

/** The same month one year earlier: "2020-03" → "2019-03" (the previous period's bar). */
export function monthYearBefore(month: string): string {
  const year = Number(month.slice(0, 4));
  return `${year - 1}${month.slice(4)}`;
}
