/**
 * Server-side rendering of one report chart to an SVG string with Apache
 * ECharts' SSR mode (no DOM, no canvas): `init(null, null, { renderer: 'svg',
 * ssr: true })` then `renderToSVGString()`. The PDF embeds the SVG as vectors.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec } from '../../shared/reports/model/activity-report-types.ts';
import { chartOption } from '../../shared/reports/render/chart-options.ts';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  SVGRenderer,
]);

export type ChartSize = { width: number; height: number };

/**
 * Renders `spec` to a standalone SVG document (width × height in px).
 * The font family is the PDF's embedded font, so labels keep their accents.
 */
export function renderChartSvg(
  spec: ChartSpec,
  size: ChartSize = { width: 800, height: 450 },
  fontFamily = 'Roboto',
): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption(chartOption(spec, { animation: false, fontFamily }));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
