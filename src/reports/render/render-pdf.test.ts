import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyReport, sampleReport } from '../../../test/fixtures/sample-report.ts';
import { renderPdf } from './render-pdf.ts';

const run = promisify(execFile);
let dir = '';

// poppler-utils' pdftotext reads the PDFs back (scripts/test-services.sh installs it). Like the
// other services: required in CI, skipped with a warning elsewhere when missing.
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPdftotext) {
  if (process.env.CI === 'true')
    throw new Error('pdftotext is missing: run scripts/test-services.sh');
  console.warn(
    '\n⚠ pdftotext not found: the PDF text tests are SKIPPED (apt-get install poppler-utils)\n',
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-pdf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The PDF's text per page, read back with poppler's pdftotext (no-break spaces made plain). */
async function pdfPages(pdf: Buffer, name: string): Promise<string[]> {
  const file = path.join(dir, name);
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 1 << 24 });
  const pages = stdout.replace(/[\u00a0\u202f]/g, ' ').split('\f');
  return pages.at(-1)?.trim() === '' ? pages.slice(0, -1) : pages;
}

describe.skipIf(!hasPdftotext)('renderPdf', () => {
  it('prints the seed figures, contents, sections, charts and page numbers', async () => {
    const pdf = await renderPdf(sampleReport());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const pages = await pdfPages(pdf, 'sample.pdf');
    const text = pages.join('\n');
    // Title page, contents and headings (accents kept).
    expect(pages[0]).toContain('Rapport d’activité 2020');
    expect(pages[1]).toContain('Sommaire');
    expect(pages[1]).toMatch(/1D - Répartition par nature de problème\s+\d+/);
    expect(pages[1]).toContain('3C - Temps de traitement & indice de satisfaction');
    expect(text).toContain('1/ Le support aux Partenaires');
    // Totals and percentages as printed in French.
    expect(text).toContain('3 654');
    expect(text).toContain('3 039');
    expect(text).toContain('6 693');
    expect(text).toContain('45,1 %');
    expect(text).toContain('27,11 %');
    expect(text).toContain('4,6 %'); // from counts, not the seed's slip (4,5 %)
    expect(text).toContain('Total général');
    expect(text).toContain(
      'Les cases grisées ont été regroupées dans la rubrique « Autre » dans le graphique',
    );
    // Charts are vector text, not pictures.
    expect(text).toContain('Nombre de tickets par mois');
    expect(text).toContain('1 649 (45,1 %)');
    // Appendix.
    expect(text).toContain('Définitions');
    expect(text).toContain('Ticket de la période :');
    // Hostile labels are printed as plain text.
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain("=cmd|' /C calc'!A0");
    // Page numbers "n / total" on every page but the title page.
    const total = pages.length;
    expect(total).toBeGreaterThan(15);
    pages.slice(1).forEach((page, index) => {
      expect(page).toContain(`${index + 2} / ${total}`);
    });
  });

  it('renders a year without tickets with its notice', async () => {
    const pages = await pdfPages(await renderPdf(emptyReport()), 'empty.pdf');
    const text = pages.join('\n');
    expect(text).toContain("Aucun ticket n'a été créé sur la période : le rapport est vide.");
    expect(text).toContain('Rapport d’activité 2031');
  });
});
