/**
 * ChartSpec → Apache ECharts option. Shared by the server-side SVG rendering
 * (PDF) and, later, by the web app's interactive charts, so this module must
 * stay free of Node imports: it only builds plain data (plus label formatters).
 *
 * Labels follow the report's French formatting: counts as `3 039`, pie shares
 * as `45,1 %` computed from the counts (half up, like the tables).
 */
import type { EChartsOption } from 'echarts';
import { formatCount, formatPercent, percentOf } from '../format.ts';
import type { ChartSpec } from '../model/activity-report-types.ts';

export type ChartOptionSettings = {
  /** Off for server-side rendering: a static picture has no time to animate. */
  animation?: boolean;
  fontFamily?: string;
};

/** The report's palette: the seed's blue and orange first, then distinct hues. */
export const CHART_COLORS = [
  '#2f5597',
  '#ed7d31',
  '#70ad47',
  '#ffc000',
  '#5b9bd5',
  '#a5a5a5',
  '#264478',
  '#9e480e',
  '#636363',
  '#997300',
  '#43682b',
  '#7cafdd',
  '#f1975a',
  '#b7b7b7',
];

/** Axis and pie labels longer than this are cut with an ellipsis (tables keep the full text). */
const LABEL_WIDTH = 170;

type LabelParams = { name: string; value: unknown };

function numberOf(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function baseOption(spec: ChartSpec, settings: ChartOptionSettings): EChartsOption {
  return {
    animation: settings.animation ?? true,
    color: CHART_COLORS,
    textStyle: { fontFamily: settings.fontFamily ?? 'Roboto, Arial, sans-serif' },
    title: { text: spec.title, left: 'center', textStyle: { fontSize: 16 } },
    legend: { bottom: 0, type: 'plain' },
  };
}

function cartesianOption(spec: ChartSpec, settings: ChartOptionSettings): EChartsOption {
  const kind = spec.kind === 'line' ? 'line' : 'bar';
  // Rotate the category labels only when they would not fit side by side.
  const labelLength = spec.categories.reduce(
    (sum, category) => sum + Math.min(category.length, 24),
    0,
  );
  const rotate = labelLength > 80 ? 35 : 0;
  return {
    ...baseOption(spec, settings),
    grid: { left: 56, right: 24, top: 72, bottom: rotate ? 120 : 64 },
    xAxis: {
      type: 'category',
      data: spec.categories,
      axisLabel: { interval: 0, rotate, width: LABEL_WIDTH, overflow: 'truncate' },
    },
    // counts: no fractional ticks (they would print as repeated integers)
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { formatter: (value: number) => formatCount(value) },
    },
    series: spec.series.map((series) => ({
      type: kind,
      name: series.name,
      data: series.values,
      label: {
        show: true,
        position: 'top',
        fontSize: 10,
        textBorderWidth: 0,
        textBorderColor: 'transparent',
        formatter: (params: LabelParams) => formatCount(numberOf(params.value)),
      },
    })),
  };
}

function pieOption(spec: ChartSpec, settings: ChartOptionSettings): EChartsOption {
  const series = spec.series[0] ?? { name: '', values: [] };
  const total = series.values.reduce((sum, value) => sum + value, 0);
  return {
    ...baseOption(spec, settings),
    legend: { show: false },
    series: [
      {
        type: 'pie',
        name: series.name,
        radius: ['0%', '58%'],
        center: ['50%', '55%'],
        data: spec.categories.map((name, index) => ({ name, value: series.values[index] ?? 0 })),
        label: {
          width: LABEL_WIDTH,
          overflow: 'truncate',
          // two-line labels overlap without an explicit line height
          lineHeight: 15,
          // No halo: SVG-to-PDF converters ignore paint-order and would paint it over the text.
          textBorderWidth: 0,
          textBorderColor: 'transparent',
          formatter: (params: LabelParams) => {
            const value = numberOf(params.value);
            return `${params.name}\n${formatCount(value)} (${formatPercent(percentOf(value, total, 1), 1)})`;
          },
        },
      },
    ],
  };
}

/**
 * The ECharts option drawing one chart of the report.
 *
 * @example
 * const chart = echarts.init(element);
 * chart.setOption(chartOption(spec));
 */
export function chartOption(spec: ChartSpec, settings: ChartOptionSettings = {}): EChartsOption {
  return spec.kind === 'pie' ? pieOption(spec, settings) : cartesianOption(spec, settings);
}

/** True when the chart has nothing to draw (no category, or only zeros). */
export function isEmptyChart(spec: ChartSpec): boolean {
  return (
    spec.categories.length === 0 ||
    spec.series.every((series) => series.values.every((value) => value === 0))
  );
}
