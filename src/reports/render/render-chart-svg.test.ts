import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/fixtures/sample-report.ts';
import type { ChartSpec } from '../../shared/reports/model/activity-report-types.ts';
import { renderChartSvg } from './render-chart-svg.ts';

function chart(id: string): ChartSpec {
  for (const section of sampleReport().sections) {
    for (const block of section.blocks) {
      if (block.kind === 'chart' && block.chart.id === id) return block.chart;
    }
  }
  throw new Error(`no chart ${id}`);
}

describe('renderChartSvg', () => {
  it('renders a standalone SVG of the asked size with French labels', () => {
    const svg = renderChartSvg(chart('1D-chart'), { width: 640, height: 400 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="640"');
    expect(svg).toContain('height="400"');
    expect(svg).toContain('1\u00a0649 (45,1\u00a0%)');
    expect(svg).toContain('Répartition par nature de problème');
    // Small natures are already grouped under "Autre" by the model: 180 tickets here.
    expect(svg).toContain('180 (4,9\u00a0%)');
  });

  it('draws bars with their values and the previous year beside', () => {
    const svg = renderChartSvg(chart('1B-chart'));
    expect(svg).toContain('>2019<');
    expect(svg).toContain('>2020<');
    expect(svg).toContain('>330<');
  });

  it('escapes hostile labels', () => {
    const svg = renderChartSvg(chart('1G-chart'));
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
  });
});
