/**
 * One Apache ECharts chart in React: created on mount, updated when its option
 * changes, resized with its box, disposed on unmount. Only the chart kinds and
 * components the report uses are registered (bar, pie, line; SVG output), which
 * keeps the reports chunk far smaller than the whole of ECharts.
 */

import type { EChartsOption } from 'echarts';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridSimpleComponent,
  LegendPlainComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([
  BarChart,
  LineChart,
  PieChart,
  GridSimpleComponent,
  LegendPlainComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

/** What was clicked: the category (bar, slice) and the series it belongs to. */
export type ChartClick = { name: string; seriesName: string; seriesIndex: number };

type EChartProps = {
  option: EChartsOption;
  height?: number;
  /** Called on a click on a bar, a slice or a point. */
  onSelect?: (click: ChartClick) => void;
  /** The chart's text alternative (its data is in the table beside it). */
  label: string;
};

type ClickParams = { name?: unknown; seriesName?: unknown; seriesIndex?: unknown };

export function EChart({ option, height = 380, onSelect, label }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    const box = element.current;
    if (box === null) return;
    const instance = init(box, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params: ClickParams) => {
      onSelectRef.current?.({
        name: typeof params.name === 'string' ? params.name : '',
        seriesName: typeof params.seriesName === 'string' ? params.seriesName : '',
        seriesIndex: typeof params.seriesIndex === 'number' ? params.seriesIndex : 0,
      });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  // role="img" makes the drawing one element for assistive technologies, named by `label`.
  return (
    <div
      ref={element}
      role="img"
      aria-label={label}
      data-chart=""
      style={{ width: '100%', height, cursor: onSelect ? 'pointer' : undefined }}
    />
  );
}
