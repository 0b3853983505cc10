import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  emptyReport,
  HOSTILE_LABELS,
  LONG_LABEL,
  sampleReport,
} from '../../../test/fixtures/sample-report.ts';
import type { ReportTable } from '../../shared/reports/model/activity-report-types.ts';
import { renderCsv, toCsv } from './render-csv.ts';

/** A strict RFC 4180 reader: CRLF-terminated records, quoted fields with doubled quotes. */
function parseCsv(text: string, separator: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i += 1;
        if (text[i] !== separator && text[i] !== '\r')
          throw new Error(`text after a quote at ${i}`);
      } else {
        field += char;
        i += 1;
      }
    } else if (char === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (char === separator) {
      record.push(field);
      field = '';
      i += 1;
    } else if (char === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`CR without LF at ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (char === '\n') {
      throw new Error(`bare LF at ${i}`);
    } else {
      field += char;
      i += 1;
    }
  }
  if (quoted || field !== '' || record.length > 0)
    throw new Error('last record not terminated by CRLF');
  return records;
}

async function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  const archive = await JSZip.loadAsync(zip);
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(archive.files)) {
    files.set(entry.name, await entry.async('nodebuffer'));
  }
  return files;
}

function withoutBom(file: Buffer | undefined): string {
  if (!file) throw new Error('missing file');
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return file.subarray(3).toString('utf8');
}

describe('renderCsv', () => {
  it('writes one UTF-8 (BOM) CSV per table with ASCII names, French decimals with ";"', async () => {
    const files = await unzip(await renderCsv(sampleReport(), { separator: ';' }));
    const names = [...files.keys()];
    expect(names).toContain('1D-repartition-par-nature-de-probleme.csv');
    expect(names).toContain('2D-repartition-par-nature-de-probleme.csv');
    expect(names).toContain('3A-bilan-support-2020.csv');
    expect(names).toHaveLength(9);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9-]+\.csv$/);

    const rows = parseCsv(withoutBom(files.get('1D-repartition-par-nature-de-probleme.csv')), ';');
    expect(rows[0]).toEqual(['Nature de problème', 'Nb de Tickets', '%']);
    expect(rows[1]).toEqual(['Gestion comptes utilisateurs - UGE', '1649', '45,1']);
    expect(rows).toContainEqual(['Anomalie Applicative', '167', '4,6']);
    expect(rows.at(-1)).toEqual(['Total général', '3654', '100']);
    expect(rows).toHaveLength(1 + 26 + 1);

    const applicants = parseCsv(
      withoutBom(files.get('2D-repartition-par-nature-de-probleme.csv')),
      ';',
    );
    expect(applicants[1]).toEqual(['Oubli infos de connexion', '824', '27,11']);
    expect(applicants.at(-1)).toEqual(['Total général', '3039', '100']);
  });

  it('uses a dot for decimals with ","', async () => {
    const files = await unzip(await renderCsv(sampleReport(), { separator: ',' }));
    const rows = parseCsv(withoutBom(files.get('3A-bilan-support-2020.csv')), ',');
    expect(rows[1]).toEqual(['Support partenaires', '3654', '55', '4837', '58.7']);
    expect(rows.at(-1)).toEqual(['Total', '6693', '100', '8238', '100']);
  });

  it('neutralises formulas and keeps hostile text whole', async () => {
    for (const separator of [',', ';'] as const) {
      const files = await unzip(await renderCsv(sampleReport(), { separator }));
      const name = [...files.keys()].find((file) => file.startsWith('1G-'));
      const rows = parseCsv(withoutBom(files.get(name ?? '')), separator);
      const labels = rows.slice(1, -1).map((row) => row[0]);
      expect(labels).toEqual([
        "'=cmd|' /C calc'!A0",
        '<script>alert(1)</script>',
        LONG_LABEL,
        "'@SUM(1)",
        "'+1",
        "'-1",
        'Très bien 👍 « guillemets » & "quotes"',
        "'\tTabulation",
      ]);
      expect(labels).toHaveLength(HOSTILE_LABELS.length);
      expect(LONG_LABEL).toHaveLength(300);
      // No field of any file starts with a formula character unescaped.
      for (const [, file] of files) {
        for (const row of parseCsv(withoutBom(file), separator)) {
          for (const field of row) expect(field).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
        }
      }
    }
  });

  it('quotes separators, quotes and line breaks (RFC 4180)', () => {
    const table: ReportTable = {
      id: 'X',
      title: 'Quoting',
      columns: ['Libellé', 'n'],
      rows: [
        {
          cells: [
            { kind: 'text', value: 'a;b, "c"\r\nd' },
            { kind: 'count', value: 1 },
          ],
        },
        { cells: [{ kind: 'empty' }, { kind: 'percent', value: 0.5, decimals: 2 }] },
      ],
    };
    const csv = toCsv(table, { separator: ';' });
    expect(csv).toBe('Libellé;n\r\n"a;b, ""c""\r\nd";1\r\n;0,50\r\n');
    expect(parseCsv(csv, ';')[1]).toEqual(['a;b, "c"\r\nd', '1']);
  });

  it('renders a year without tickets as a notice', async () => {
    const files = await unzip(await renderCsv(emptyReport(), { separator: ';' }));
    expect([...files.keys()]).toEqual(['LISEZMOI.txt']);
    expect(withoutBom(files.get('LISEZMOI.txt'))).toContain("Aucun ticket n'a été créé");
  });
});
