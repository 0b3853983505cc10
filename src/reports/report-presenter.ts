/**
 * Report model + document → the API's ReportDto, with the drill-down targets
 * of every table row (which tickets a row or a bar stands for).
 */

import type { DrillTarget, PublicationDto, ReportDto } from '../shared/contracts.ts';
import type { ActivityReport, ReportTable } from '../shared/reports/model/activity-report-types.ts';
import { reportTables } from '../shared/reports/render/format-cell.ts';
import { MISSING_LABEL } from './metrics/tickets-of-period.ts';
import type { ReportModel } from './model/build-report-model.ts';
import { sectionLetter } from './model/report-layout.ts';
import type { Difference, Publication } from './publish/publish-report.ts';
import { reportJson } from './render/render-json.ts';

const firstCellText = (table: ReportTable, index: number): string => {
  const cell = table.rows[index]?.cells[0];
  return cell?.kind === 'text' ? cell.value : '';
};

/** table id → row label → the tickets it counts. */
export function drillTargets(model: ReportModel, report: ActivityReport): ReportDto['drill'] {
  const tables = new Map(reportTables(report.sections).map((table) => [table.id, table]));
  const drill: ReportDto['drill'] = {};
  model.mailboxes.forEach((mailbox, i) => {
    const part = i + 1;
    const monthly = tables.get(`${part}${sectionLetter(1)}`);
    if (monthly) {
      const rows: Record<string, DrillTarget> = {};
      mailbox.current.months.forEach((m, k) => {
        rows[firstCellText(monthly, k)] = { mailbox: mailbox.slug, month: m.month };
      });
      drill[monthly.id] = rows;
    }
    mailbox.current.fields.forEach((field, n) => {
      const id = `${part}${sectionLetter(n + 2)}`;
      const rows: Record<string, DrillTarget> = {};
      for (const value of field.values)
        rows[value.label] = { mailbox: mailbox.slug, field: field.id, value: value.id };
      rows[MISSING_LABEL] = { mailbox: mailbox.slug, field: field.id, missing: true };
      drill[id] = rows;
    });
  });
  return drill;
}

export function presentPublication(
  publication: Publication,
  differences: Difference[],
): PublicationDto {
  return {
    year: publication.year,
    publishedAt: publication.publishedAt.toISOString(),
    publishedBy: publication.publishedBy,
    differences: differences.slice(0, 200),
  };
}

export function presentReport(
  model: ReportModel,
  report: ActivityReport,
  publication: PublicationDto | null,
  canEdit: boolean,
): ReportDto {
  const period = (p: ReportModel['period']) => ({
    kind: p.kind,
    from: p.from,
    to: p.to,
    label: p.label,
  });
  return {
    period: period(model.period),
    previousPeriod: period(model.previousPeriod),
    clock: model.clock,
    report,
    numbers: reportJson(model),
    drill: drillTargets(model, report),
    publication,
    canEdit,
  };
}
