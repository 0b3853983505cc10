import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/fixtures/sample-report.ts';
import type { ReportTable } from '../../shared/reports/model/activity-report-types.ts';
import { paginateTable, rowHeight, rowTexts, tableGeometry } from './pptx-layout.ts';

function table(id: string): ReportTable {
  for (const section of sampleReport().sections) {
    for (const block of section.blocks) {
      if (block.kind === 'table' && block.table.id === id) return block.table;
    }
  }
  throw new Error(`no table ${id}`);
}

describe('paginateTable', () => {
  it('keeps every row once, in order, the total on the last page, each page within its height', () => {
    const natures = table('1D');
    const geometry = tableGeometry(natures, 6.6);
    const pages = paginateTable(natures, geometry, 3, 5.6);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flatMap((page) => page.rows)).toEqual(natures.rows);
    expect(pages.map((page) => page.withTotal)).toEqual(
      pages.map((_, index) => index === pages.length - 1),
    );
    expect(pages.map((page) => page.continued)).toEqual(pages.map((_, index) => index > 0));
    const header = rowHeight(natures.columns, geometry);
    pages.forEach((page, index) => {
      const rows = page.withTotal && natures.total ? [...page.rows, natures.total] : page.rows;
      const height = rows.reduce((sum, row) => sum + rowHeight(rowTexts(row, 3), geometry), header);
      expect(height).toBeLessThanOrEqual(index === 0 ? 3 : 5.6);
    });
  });

  it('gives a 300-character label a taller row', () => {
    const hostile = table('1G');
    const geometry = tableGeometry(hostile, 6.6);
    const heights = hostile.rows.map((row) => rowHeight(rowTexts(row, 3), geometry));
    expect(Math.max(...heights)).toBeGreaterThan(4 * Math.min(...heights));
  });

  it('puts a row taller than a page on a page of its own rather than looping', () => {
    const hostile = table('1G');
    const pages = paginateTable(hostile, tableGeometry(hostile, 3), 0.5, 0.5);
    expect(pages.flatMap((page) => page.rows)).toEqual(hostile.rows);
  });
});
