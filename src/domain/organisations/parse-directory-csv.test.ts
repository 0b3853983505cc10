import { describe, expect, it } from 'vitest';
import { maxDirectoryRows, parseDirectoryCsv } from './parse-directory-csv.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('directory CSV', () => {
  it('reads a spreadsheet export: BOM, CRLF, semicolons, quotes, header in any order', () => {
    const file = bytes(
      '\uFEFFDomaines;Nom;Département;Type\r\n' +
        '"bailleur-44.example.org, mail.bailleur-44.example.org";"Bailleur ""Atlantique""";44;Bailleur social\r\n' +
        'ville.example.org;Ville; 35 ;Collectivités - EPCI\r\n' +
        '\r\n',
    );
    const { rows, problems } = parseDirectoryCsv(file);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        name: 'Bailleur "Atlantique"',
        type: 'Bailleur social',
        departement: '44',
        domains: ['bailleur-44.example.org', 'mail.bailleur-44.example.org'],
      },
      {
        line: 3,
        name: 'Ville',
        type: 'Collectivités - EPCI',
        departement: '35',
        domains: ['ville.example.org'],
      },
    ]);
  });

  it('reads commas and no header, columns in the documented order', () => {
    const { rows } = parseDirectoryCsv(
      bytes('ADIL,ADIL 44,44,"adil.example.org;adil44.example.org"\n'),
    );
    expect(rows[0]).toMatchObject({
      line: 1,
      name: 'ADIL',
      type: 'ADIL 44',
      domains: ['adil.example.org', 'adil44.example.org'],
    });
  });

  it('refuses formulas, invalid UTF-8, huge cells and broken quotes line by line', () => {
    const file = Buffer.concat([
      bytes('nom,type,departement,domaines\n'),
      bytes('"=HYPERLINK(""http://evil.example.org"";""clic"")",Etat,44,evil.example.org\n'),
      bytes('@SUM(1+1),Etat,44,\n'),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x45, 0x74, 0x61, 0x74, 0x0a]), // "Café" in Latin-1
      bytes(`${'x'.repeat(50_000)},Etat,44,\n`),
      bytes('Bon,Etat,44,bon.example.org\n'),
      bytes('"unclosed,Etat,44\n'),
    ]);
    const { rows, problems } = parseDirectoryCsv(file);
    expect(rows.map((r) => r.name)).toContain('Bon');
    const byLine = new Map(problems.map((p) => [p.line, p.message]));
    expect(byLine.get(2)).toMatch(/formulas are refused/);
    expect(byLine.get(3)).toMatch(/formulas are refused/);
    expect(byLine.get(4)).toMatch(/not valid UTF-8/);
    expect(byLine.get(5)).toMatch(/longer than/);
    expect(rows.find((r) => r.name.startsWith('='))).toBeUndefined();
    expect(problems.some((p) => /malformed CSV|longer than/.test(p.message) && p.line >= 7)).toBe(
      true,
    );
  });

  it('stops at the row limit and says so', () => {
    const lines = Array.from({ length: maxDirectoryRows + 5 }, (_, i) => `Org ${i},,,`);
    const { rows, problems } = parseDirectoryCsv(bytes(lines.join('\n')));
    expect(rows).toHaveLength(maxDirectoryRows);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/more than/);
  });

  it('reads nothing from an empty or binary file without throwing', () => {
    expect(parseDirectoryCsv(bytes(''))).toEqual({ rows: [], problems: [] });
    const binary = parseDirectoryCsv(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x0a]));
    expect(binary.rows).toEqual([]);
  });
});
