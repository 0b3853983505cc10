/**
 * A chart of the report, interactive: the option comes from the same
 * `chartOption` the PDF uses (src/shared/reports/render/chart-options.ts), plus a
 * tooltip in French numbers; a click on a bar or a slice opens its tickets.
 */

import type { DrillTarget } from '@shared/contracts.ts';
import { formatCount } from '@shared/reports/format.ts';
import type { ChartSpec } from '@shared/reports/model/activity-report-types.ts';
import { chartOption, isEmptyChart } from '@shared/reports/render/chart-options.ts';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { type ChartClick, EChart } from '../../components/echart.tsx';
import { monthYearBefore } from './report-query.ts';
import { useReportsI18n } from './reports-i18n.ts';

/** The table a chart illustrates: "1D-chart" → "1D". */
export function chartTableId(chart: ChartSpec): string {
  return chart.id.replace(/-chart$/, '');
}

/** The previous period's bounds, as a period string ("2019-01-01..2019-12-31"). */
export type PreviousPeriod = { label: string; from: string; to: string };

/**
 * The drill target of a click, and the period to search when it is not the
 * view's: a bar of the previous period (the monthly chart's first series) leads
 * to the same month one year earlier, within the previous period.
 */
export function clickTarget(
  click: ChartClick,
  drill: Record<string, DrillTarget> | undefined,
  previous: PreviousPeriod,
): { target: DrillTarget; period?: string } | undefined {
  const target = drill?.[click.name];
  if (target === undefined) return undefined;
  if (click.seriesName === previous.label && target.month) {
    return {
      target: { ...target, month: monthYearBefore(target.month) },
      period: `${previous.from}..${previous.to}`,
    };
  }
  return { target };
}

type TooltipParams = { name?: string; seriesName?: string; value?: unknown; percent?: number };

function tooltipText(params: TooltipParams, pie: boolean): string {
  const value = typeof params.value === 'number' ? formatCount(params.value) : '';
  const share =
    pie && typeof params.percent === 'number'
      ? ` (${params.percent.toFixed(1).replace('.', ',')}\u00a0%)`
      : '';
  const series = pie ? '' : `${params.seriesName ?? ''} — `;
  // ECharts renders tooltip text as HTML: escape the labels, which come from the data.
  return escapeHtml(`${series}${params.name ?? ''} : ${value}${share}`);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

type ReportChartProps = {
  chart: ChartSpec;
  drill: Record<string, DrillTarget> | undefined;
  previous: PreviousPeriod;
  onDrill: (label: string, target: DrillTarget, period?: string) => void;
};

export function ReportChart({ chart, drill, previous, onDrill }: ReportChartProps) {
  const { r } = useReportsI18n();
  const option = useMemo<EChartsOption>(() => {
    const base = chartOption(chart);
    return {
      ...base,
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params: unknown) => tooltipText(params as TooltipParams, chart.kind === 'pie'),
      },
    };
  }, [chart]);
  if (isEmptyChart(chart)) return null;
  const height = chart.kind === 'pie' ? 420 : 380;
  return (
    <EChart
      option={option}
      height={height}
      label={r.chartAlternative(chart.title)}
      onSelect={
        drill === undefined
          ? undefined
          : (click) => {
              const found = clickTarget(click, drill, previous);
              if (found) onDrill(`${click.name} (${click.seriesName})`, found.target, found.period);
            }
      }
    />
  );
}
