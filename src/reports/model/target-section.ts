/**
 * The optional section "Respect des objectifs de réponse" (issue 18 §6): per
 * mailbox and month, the share of tickets answered within their first-response
 * target, with the period's total against the same days a year earlier. Added
 * after the review sections only when the report asks for it (off by default, so
 * the seed's report stays the same).
 */
import {
  formatCount,
  formatPercent,
  formatPoints,
  percentOf,
} from '../../shared/reports/format.ts';
import type {
  Cell,
  ReportSection,
  ReportTable,
} from '../../shared/reports/model/activity-report-types.ts';
import type { Compliance } from '../metrics/target-compliance.ts';
import type { ReportModel, TargetComplianceFigures } from './build-report-model.ts';
import { percentCell as percent, textCell as text } from './cells.ts';
import { MONTH_SHORT_FR } from './period.ts';
import { supportName } from './report-layout.ts';

export const TARGET_SECTION_TITLE = 'Respect des objectifs de réponse';

/** The share within target in percent (one decimal), or null when nothing was measured. */
export const withinShare = (c: Compliance): number | null =>
  c.measured === 0 ? null : percentOf(c.within, c.measured, 1);

const shareCell = (c: Compliance): Cell => {
  const share = withinShare(c);
  return share === null ? { kind: 'empty' } : percent(share, 1);
};

const monthLabel = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return `${MONTH_SHORT_FR[(m ?? 1) - 1]} ${y}`;
};

/** The section, numbered `${part}D`; none when the model carries no target figures. */
export function targetSection(model: ReportModel, part: number): ReportSection | null {
  const targets = model.targets;
  if (!targets) return null;
  const id = `${part}D`;
  const months = targets[0]?.months.map((m) => m.month) ?? [];
  const table: ReportTable = {
    id,
    title: `${TARGET_SECTION_TITLE} — ${model.period.label}`,
    columns: ['Mois', ...targets.map((t) => supportName(t.name))],
    rows: months.map((month, i) => ({
      cells: [text(monthLabel(month)), ...targets.map((t) => shareCell(t.months[i] ?? t.current))],
    })),
    total: { cells: [text(model.period.label), ...targets.map((t) => shareCell(t.current))] },
    note: 'Part des tickets ayant reçu leur première réponse dans le délai de leur objectif ; vide : aucun ticket soumis à un objectif.',
  };
  return {
    id,
    part,
    title: TARGET_SECTION_TITLE,
    blocks: [
      { kind: 'text', paragraphs: targets.map((t) => sentence(t, model)) },
      { kind: 'table', table },
      {
        kind: 'chart',
        chart: {
          id,
          kind: 'line',
          title: `${TARGET_SECTION_TITLE} (%)`,
          categories: months.map(monthLabel),
          series: targets.map((t) => ({
            name: supportName(t.name),
            values: t.months.map((m) => withinShare(m) ?? 0),
          })),
        },
      },
    ],
  };
}

function sentence(t: TargetComplianceFigures, model: ReportModel): string {
  const now = withinShare(t.current);
  if (now === null)
    return `${supportName(t.name)} : aucun ticket soumis à un objectif de première réponse.`;
  const before = withinShare(t.previous);
  const share = formatPercent(now, 1);
  const compared =
    before === null
      ? ''
      : ` (${formatPoints(Math.round(now - before))} par rapport à ${model.previousPeriod.label})`;
  return `${supportName(t.name)} : ${share} des ${formatCount(t.current.measured)} tickets soumis à un objectif ont reçu leur première réponse dans le délai${compared}.`;
}
