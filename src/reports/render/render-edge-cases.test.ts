import { describe, expect, it } from 'vitest';
import { edgeReport, emptyReport } from '../../../test/fixtures/sample-report.ts';
import { renderCsv } from './render-csv.ts';
import { renderPdf } from './render-pdf.ts';
import { renderPptx } from './render-pptx.ts';
import { renderXlsx } from './render-xlsx.ts';

describe('every renderer on odd reports', () => {
  for (const [name, build] of [
    ['a year without tickets', emptyReport],
    ['empty tables and charts, a section outside any part', edgeReport],
  ] as const) {
    it(`renders ${name}`, async () => {
      const report = build();
      const pdf = await renderPdf(report);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      for (const zip of [
        await renderPptx(report),
        await renderXlsx(report),
        await renderCsv(report, { separator: ';' }),
      ]) {
        expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
      }
    });
  }
});
