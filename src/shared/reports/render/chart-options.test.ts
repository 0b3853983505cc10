import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../model/activity-report-types.ts';
import { chartOption, isEmptyChart } from './chart-options.ts';

const monthly: ChartSpec = {
  id: '1B-chart',
  kind: 'bar',
  title: 'Nombre de tickets par mois',
  categories: ['janv.', 'févr.', 'mars'],
  series: [
    { name: '2019', values: [300, 285, 290] },
    { name: '2020', values: [330, 320, 280] },
  ],
};

describe('chartOption', () => {
  it('draws one bar per series side by side for each category', () => {
    const option = chartOption(monthly);
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['janv.', 'févr.', 'mars'] });
    expect(option.series).toMatchObject([
      { type: 'bar', name: '2019', data: [300, 285, 290] },
      { type: 'bar', name: '2020', data: [330, 320, 280] },
    ]);
    expect(option.title).toMatchObject({ text: 'Nombre de tickets par mois' });
  });

  it('draws lines and pies from the same spec shape', () => {
    expect(chartOption({ ...monthly, kind: 'line' }).series).toMatchObject([
      { type: 'line' },
      { type: 'line' },
    ]);
    const pie = chartOption({ ...monthly, kind: 'pie' });
    expect(pie.series).toMatchObject([
      {
        type: 'pie',
        data: [
          { name: 'janv.', value: 300 },
          { name: 'févr.', value: 285 },
          { name: 'mars', value: 290 },
        ],
      },
    ]);
  });

  it('turns animation off on request (server-side pictures)', () => {
    expect(chartOption(monthly, { animation: false }).animation).toBe(false);
    expect(chartOption(monthly).animation).toBe(true);
  });

  it('knows an empty chart', () => {
    expect(isEmptyChart(monthly)).toBe(false);
    expect(isEmptyChart({ ...monthly, categories: [] })).toBe(true);
    expect(isEmptyChart({ ...monthly, series: [{ name: '2020', values: [0, 0, 0] }] })).toBe(true);
  });

  it('imports nothing from Node, so the web app can share it', async () => {
    for (const file of ['./chart-options.ts', '../format.ts']) {
      const source = await readFile(new URL(file, import.meta.url), 'utf8');
      const imports = [...source.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map(
        (match) => match[1],
      );
      for (const specifier of imports) {
        expect(specifier).toMatch(/^(\.\.?\/|echarts$)/);
      }
    }
  });
});
