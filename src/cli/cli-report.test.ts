/**
 * `guichet report` on a database holding the seed-shaped fixture, in a real
 * process; every export read back with a real reader: PDF with poppler's
 * pdftotext, XLSX with exceljs, PPTX and CSV unzipped, JSON parsed.
 *
 * The figures come from the database: JSON is checked on both backends. The
 * renderers do not depend on the backend (and each report process costs
 * seconds), so the files are checked on one, test/cli.ts's cliBackend().
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Backend, backends, pgAvailable } from '../../test/backends.ts';
import { cliBackend, cliSandbox, type Env, run, show } from '../../test/cli.ts';
import { seedTables } from '../../test/fixtures/seed-tables.ts';
import { seededDataDir, seededServerDatabase } from '../../test/seeded-template.ts';

const execute = promisify(execFile);
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPdftotext && process.env.CI === 'true')
  throw new Error('pdftotext is missing: run scripts/test-services.sh');

/** SPEC §4: the seed's four printed slips, computed from counts instead. */
const slips: Record<string, string> = {
  'Anomalie Applicative': '4,6%',
  Demande: '23,9%',
  'Gestion / Paramètres': '3,9%',
  'Suivi CAL': '3,5%',
};
const allSeedRows = Object.values(seedTables).flat();
const squash = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, '');

const folder = cliSandbox();

async function seedDatabase(backend: Backend): Promise<Env> {
  if (backend === 'postgres') return { DATABASE_URL: (await seededServerDatabase()).url };
  return { DATA_DIR: await seededDataDir(path.join(folder(), 'pglite-data')) };
}

for (const backend of backends) {
  describe.skipIf(backend === 'postgres' && !pgAvailable())(`guichet report [${backend}]`, () => {
    let env: Env = {};
    // Some 15,000 tickets through the real timing code: minutes on the embedded database when
    // the machine is loaded.
    beforeAll(async () => {
      env = await seedDatabase(backend);
    }, 600_000);

    it.skipIf(!hasPdftotext || backend !== cliBackend())(
      'writes the 2020 PDF whose every table equals the seed (bar the four slips)',
      async () => {
        const out = path.join(folder(), `report-${backend}.pdf`);
        const result = await run(
          ['report', '--year', '2020', '--format', 'pdf', '--out', out],
          env,
          { timeoutMs: 120_000 },
        );
        expect(result.code, show(result)).toBe(0);
        expect(result.stderr).toContain('6693 tickets');
        const { stdout } = await execute('pdftotext', ['-layout', '-enc', 'UTF-8', out, '-'], {
          maxBuffer: 1 << 24,
        });
        const lines = stdout.split('\n').map(squash);
        for (const [label, count, printed] of allSeedRows) {
          const wanted = squash(`${label}${count}${printed ? (slips[label] ?? printed) : ''}`);
          expect(
            lines.some((line) => line.includes(wanted)),
            `${label} ${count} ${printed ?? ''}`,
          ).toBe(true);
        }
        const text = squash(stdout);
        for (const figure of [
          'Supportpartenaires365455%483758,7%',
          'Total6693100%8238100%',
          'Soit558tickets',
          "40%enmoinsd'1heure(-6points)",
          'Définitions',
        ]) {
          expect(text).toContain(squash(figure));
        }
      },
      180_000,
    );

    it.skipIf(backend !== cliBackend())(
      'writes XLSX, PPTX and CSV with the same figures',
      async () => {
        const file = (ext: string) => path.join(folder(), `report-${backend}.${ext}`);
        for (const format of ['xlsx', 'pptx', 'csv']) {
          const result = await run(
            ['report', '--year', '2020', '--format', format, '--out', file(format)],
            env,
            { timeoutMs: 120_000 },
          );
          expect(result.code, show(result)).toBe(0);
        }
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load((await readFile(file('xlsx'))) as unknown as ExcelJS.Buffer);
        const sheet = workbook.worksheets.find((w) => w.name.startsWith('1D'));
        const row = sheet
          ?.getRows(1, 40)
          ?.find((r) => r.getCell(1).value === 'Gestion comptes utilisateurs - UGE');
        expect(row?.getCell(2).value).toBe(1649);
        expect(row?.getCell(3).value).toBeCloseTo(0.451, 6);

        const pptx = await JSZip.loadAsync(await readFile(file('pptx')));
        const charts = await Promise.all(
          Object.keys(pptx.files)
            .filter((name) => /^ppt\/charts\/chart\d+\.xml$/.test(name))
            .map((name) => pptx.file(name)?.async('string') ?? ''),
        );
        expect(charts.some((xml) => xml.includes('<c:v>1137</c:v>'))).toBe(true);
        expect(charts.some((xml) => xml.includes('<c:v>3654</c:v>'))).toBe(true);

        const zip = await JSZip.loadAsync(await readFile(file('csv')));
        const natures = Object.keys(zip.files).find((name) => name.startsWith('1D'));
        const csv = (await zip.file(natures ?? '')?.async('string')) ?? '';
        expect(csv.charCodeAt(0)).toBe(0xfeff);
        expect(csv).toContain('Gestion comptes utilisateurs - UGE;1649;45,1');
      },
      300_000,
    );

    it('prints the figures as JSON', async () => {
      const json = await run(['report', '--year', '2020', '--format', 'json'], env, {
        timeoutMs: 120_000,
      });
      expect(json.code, show(json)).toBe(0);
      const numbers = JSON.parse(json.stdout);
      expect(numbers.mailboxes.partenaires.tickets).toBe(3654);
      expect(numbers.mailboxes.demandeurs.replies).toBe(3401);
      expect(numbers.mailboxes.partenaires.by['Type de partenaire']['Bailleur social']).toBe(2473);
      expect(numbers.previous.mailboxes.partenaires.tickets).toBe(3292);
      expect(numbers.evolution[0]).toEqual({ year: 2017, partenaires: 3000, demandeurs: 2455 });
    }, 300_000);

    // usage errors do not depend on the backend: checked once, on cliBackend()
    it.skipIf(backend !== cliBackend())(
      'reports usage errors in one line, and an empty year without crashing',
      async () => {
        // All but the unknown mailbox fail before opening the database: they run together.
        const results = await Promise.all(
          [
            ['report', '--format', 'json'],
            ['report', '--year', '20x0', '--format', 'json'],
            ['report', '--year', '2020', '--format', 'docx', '--out', 'x'],
            ['report', '--year', '2020', '--format', 'pdf'],
            ['report', '--from', '2020-02-30', '--to', '2020-03-01', '--format', 'json'],
            ['report', '--year', '2020', '--format', 'pdf', '--out', '/nonexistent-dir/x.pdf'],
          ].map((args) => run(args, env)),
        );
        results.push(
          await run(['report', '--year', '2020', '--mailbox', 'nope', '--format', 'json'], env),
        );
        for (const result of results) {
          expect(result.code, show(result)).toBe(2);
          expect(result.stderr.trim().split('\n')[0], show(result)).toMatch(/^guichet: /);
        }
        const empty = await run(
          [
            'report',
            '--year',
            '2031',
            '--format',
            'pdf',
            '--out',
            path.join(folder(), 'empty.pdf'),
          ],
          env,
        );
        expect(empty.code, show(empty)).toBe(0);
        expect(empty.stderr).toContain('0 tickets');
      },
      180_000,
    );
  });
}
