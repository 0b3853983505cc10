/**
 * The optional section "Respect des objectifs de réponse" (issue 18 §6) in every
 * export format: PDF, PPTX, XLSX, CSV (one file per table) and JSON, from a report
 * model that asks for it; a model without it leaves every format as it was.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { activityReportFromModel } from '../model/build-activity-report.ts';
import type { PeriodFigures, ReportModel } from '../model/build-report-model.ts';
import { monthsOf, previousPeriod, yearPeriod } from '../model/period.ts';
import { renderCsv } from './render-csv.ts';
import { reportJson } from './render-json.ts';
import { renderPdf } from './render-pdf.ts';
import { renderPptx } from './render-pptx.ts';
import { renderXlsx } from './render-xlsx.ts';

const TITLE = 'Respect des objectifs de réponse';

function figures(tickets: number): PeriodFigures {
  return {
    tickets,
    months: monthsOf(yearPeriod(2020)).map((month) => ({ month, tickets: tickets / 12 })),
    replies: tickets,
    firstResponse: {
      responded: tickets,
      under1h: tickets / 2,
      under2h: tickets / 2,
      under24h: tickets,
    },
    ratings: { great: 10, okay: 2, notGood: 1 },
    fields: [],
  };
}

function model(targets: boolean): ReportModel {
  const period = yearPeriod(2020);
  const months = monthsOf(period);
  return {
    period,
    previousPeriod: previousPeriod(period),
    filters: {},
    clock: 'calendar',
    mailboxes: [
      {
        id: 'p',
        slug: 'partenaires',
        name: 'Partenaires',
        current: figures(1200),
        previous: figures(1080),
      },
      {
        id: 'd',
        slug: 'demandeurs',
        name: 'Demandeurs',
        current: figures(600),
        previous: figures(720),
      },
    ],
    evolution: [{ year: 2020, tickets: { partenaires: 1200, demandeurs: 600 }, imported: [] }],
    generatedAt: '2021-01-05T08:00:00.000Z',
    ...(targets && {
      targets: [
        {
          slug: 'partenaires',
          name: 'Partenaires',
          months: months.map((month, i) => ({ month, measured: 100, within: 40 + i })),
          current: { measured: 1200, within: 546 },
          previous: { measured: 0, within: 0 },
        },
        {
          slug: 'demandeurs',
          name: 'Demandeurs',
          months: months.map((month) => ({ month, measured: 0, within: 0 })),
          current: { measured: 0, within: 0 },
          previous: { measured: 0, within: 0 },
        },
      ],
    }),
  };
}

async function unzipText(zip: Buffer): Promise<Map<string, string>> {
  const archive = await JSZip.loadAsync(zip);
  const files = new Map<string, string>();
  for (const entry of Object.values(archive.files))
    files.set(entry.name, await entry.async('string'));
  return files;
}

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

describe('the targets section in every format', () => {
  const withTargets = activityReportFromModel(model(true));
  const without = activityReportFromModel(model(false));

  it('is a section of the document, with its definition, only when asked', () => {
    const section = withTargets.sections.at(-1);
    expect(section?.id).toBe('3D');
    expect(section?.title).toBe(TITLE);
    expect(without.sections.map((s) => s.id)).not.toContain('3D');
    expect(withTargets.sections.slice(0, -1)).toEqual(without.sections);
    expect(withTargets.definitions.at(-1)?.term).toBe(TITLE);
    expect(without.definitions.map((d) => d.term)).not.toContain(TITLE);
    const table = section?.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table.table.rows[0]?.cells).toEqual([
      { kind: 'text', value: 'janv. 2020' },
      { kind: 'percent', value: 40, decimals: 1 },
      { kind: 'empty' },
    ]);
    expect(table.table.total?.cells[1]).toEqual({ kind: 'percent', value: 45.5, decimals: 1 });
    const text = section?.blocks.find((b) => b.kind === 'text');
    expect(text?.kind === 'text' && text.paragraphs.join(' ')).toContain('45,5');
  });

  it('CSV, XLSX, PPTX and JSON carry it', async () => {
    const csv = await unzipText(await renderCsv(withTargets, { separator: ';' }));
    const csvFile = [...csv.entries()].find(([name]) => name.startsWith('3D'));
    expect(csvFile?.[1]).toContain('45,5');
    expect(
      [...(await unzipText(await renderCsv(without, { separator: ';' }))).keys()].some((n) =>
        n.startsWith('3D'),
      ),
    ).toBe(false);
    const xlsx = [...(await unzipText(await renderXlsx(withTargets))).values()].join('\n');
    expect(xlsx).toContain(TITLE);
    const pptx = [...(await unzipText(await renderPptx(withTargets))).values()].join('\n');
    expect(pptx).toContain(TITLE);
    const json = reportJson(model(true));
    expect(json.targets?.partenaires?.current).toEqual({ measured: 1200, within: 546 });
    expect(json.targets?.partenaires?.months[0]).toEqual({
      month: '2020-01',
      measured: 100,
      within: 40,
    });
    expect('targets' in reportJson(model(false))).toBe(false);
  });

  it.skipIf(!hasPdftotext)('PDF prints it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-targets-pdf-'));
    try {
      const file = path.join(dir, 'report.pdf');
      await writeFile(file, await renderPdf(withTargets));
      const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-'], {
        maxBuffer: 1 << 24,
      });
      const text = stdout.replace(/[\u00a0\u202f]/g, ' ');
      expect(text).toContain(TITLE);
      expect(text).toContain('45,5 %');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
