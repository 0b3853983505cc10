import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { emptyReport, HOSTILE_LABELS, sampleReport } from '../../../test/fixtures/sample-report.ts';
import { renderXlsx, sheetName } from './render-xlsx.ts';

async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

/** The column of counts and percentages of a breakdown sheet, as label → [count, fraction]. */
function rowsOf(worksheet: ExcelJS.Worksheet): Map<string, ExcelJS.Row> {
  const rows = new Map<string, ExcelJS.Row>();
  worksheet.eachRow((row) => {
    const label = row.getCell(1).value;
    if (typeof label === 'string') rows.set(label, row);
  });
  return rows;
}

describe('renderXlsx', () => {
  it('writes a contents sheet and one sheet per table with valid, unique names', async () => {
    const workbook = await readWorkbook(await renderXlsx(sampleReport()));
    const names = workbook.worksheets.map((worksheet) => worksheet.name);
    expect(names[0]).toBe('Sommaire');
    expect(names).toContain('1D Répartition par nature de pr');
    expect(names).toContain('3A Bilan Support 2020');
    expect(names).toHaveLength(1 + 9);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
    // The contents list every table with a link to its sheet.
    const contents = rowsOf(sheet(workbook, 'Sommaire'));
    expect(contents.get('2D')?.getCell(2).value).toBe('Répartition par nature de problème');
    const link = contents.get('1D')?.getCell(3).value;
    expect(link).toMatchObject({ hyperlink: "#'1D Répartition par nature de pr'!A1" });
  });

  it('stores counts as numbers and percentages as percent-formatted fractions', async () => {
    const workbook = await readWorkbook(await renderXlsx(sampleReport()));
    const natures = sheet(workbook, '1D Répartition par nature de pr');
    const header = natures.getRow(1);
    expect(header.getCell(1).value).toBe('Nature de problème');
    expect(header.font?.bold).toBe(true);

    const rows = rowsOf(natures);
    const first = rows.get('Gestion comptes utilisateurs - UGE');
    expect(first?.getCell(2).value).toBe(1649);
    expect(first?.getCell(3).value).toBe(0.451);
    expect(first?.getCell(3).numFmt).toBe('0.0%');
    expect(rows.get('Anomalie Applicative')?.getCell(3).value).toBe(0.046);

    const total = rows.get('Total général');
    expect(total?.font?.bold).toBe(true);
    const totalCount = total?.getCell(2);
    expect(totalCount?.formula).toBe('SUM(B2:B27)');
    expect(totalCount?.result).toBe(3654);
    expect(total?.getCell(3).value).toBe(1);
    expect(total?.getCell(3).numFmt).toBe('0%');
    // Rows grouped under "Autre" in the chart are greyed like the seed.
    expect(rows.get('Aide LPSD')?.getCell(1).fill).toMatchObject({ fgColor: { argb: 'FFD9D9D9' } });
    expect(natures.getColumn(1).width).toBeGreaterThan(30);

    const applicants = rowsOf(sheet(workbook, '2D Répartition par nature de pr'));
    expect(applicants.get('Oubli infos de connexion')?.getCell(3).value).toBe(0.2711);
    expect(applicants.get('Oubli infos de connexion')?.getCell(3).numFmt).toBe('0.00%');

    const review = rowsOf(sheet(workbook, '3A Bilan Support 2020'));
    expect(review.get('Support partenaires')?.getCell(5).value).toBe(0.587);
    expect(review.get('Total')?.getCell(4).result).toBe(8238);
  });

  it('keeps hostile labels as plain text, never formulas', async () => {
    const workbook = await readWorkbook(await renderXlsx(sampleReport()));
    const worksheet = workbook.worksheets.find((candidate) => candidate.name.startsWith('1G '));
    if (!worksheet) throw new Error('no 1G sheet');
    const labels: unknown[] = [];
    for (let index = 2; index < 2 + HOSTILE_LABELS.length; index += 1) {
      const cell = worksheet.getRow(index).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      labels.push(cell.value);
    }
    expect(labels).toEqual(HOSTILE_LABELS);
  });

  it('renders a year without tickets with its notice', async () => {
    const workbook = await readWorkbook(await renderXlsx(emptyReport()));
    expect(workbook.worksheets.map((worksheet) => worksheet.name)).toEqual(['Sommaire']);
    expect(sheet(workbook, 'Sommaire').getRow(2).getCell(1).value).toContain('Aucun ticket');
  });
});

describe('sheetName', () => {
  it('drops forbidden characters, cuts at 31 and stays unique', () => {
    const used = new Set<string>();
    expect(sheetName("9Z a/b\\c[d]e:f*g?h'", used)).toBe('9Z a b c d e f g h');
    const long = 'Répartition par nature de problème et par mois';
    expect(sheetName(long, used)).toBe('Répartition par nature de probl');
    expect(sheetName(long, used)).toBe('Répartition par nature de p (2)');
    expect(sheetName("'History'", used)).toBe('History (2)');
    expect(sheetName('', used)).toBe('Tableau');
    // 29 letters then an emoji (two UTF-16 units) straddling the limit: never half a pair.
    expect(sheetName(`${'x'.repeat(30)}👍`, used)).toBe('x'.repeat(30));
  });
});
