/**
 * Recognising the numéro unique (issue 20 §3): the spellings people use, and the
 * near-misses that must not be taken for one — phone numbers, NIR, IBAN, SIRET,
 * dates, ticket numbers, a number glued to other characters.
 */
import { describe, expect, it } from 'vitest';
import {
  findNumerosUniques,
  formatNumeroUnique,
  maskNumeroUnique,
  numerosUniquesIn,
  parseNumeroUnique,
} from './numero-unique.ts';

const canonical = '0350320012345AB12C';

describe('numéro unique', () => {
  it.each([
    ['one run', '0350320012345AB12C'],
    ['lower case', '0350320012345ab12c'],
    ['four groups with spaces', '035 0320 012345 AB12C'],
    ['four groups with hyphens', '035-0320-012345-AB12C'],
    ['four groups with dots', '035.0320.012345.AB12C'],
    ['month and year apart', '035 03 20 012345 AB12C'],
    ['non-breaking spaces', '035\u00a00320\u00a0012345\u00a0AB12C'],
  ])('reads %s', (_, written) => {
    expect(numerosUniquesIn([`Bonjour, ma demande ${written} est bloquée.`])).toEqual([canonical]);
    expect(parseNumeroUnique(written)).toBe(canonical);
  });

  it('reads Corsica and overseas départements, office codes of digits', () => {
    expect(numerosUniquesIn(['02A1119000042X1Y2Z et 974 0122 000001 00123'])).toEqual([
      '02A1119000042X1Y2Z',
      '974012200000100123',
    ]);
  });

  it('finds several numbers once each, in order, with where they were written', () => {
    const text = `Dossiers 044 1121 123456 78A9B, 0350320012345AB12C et encore 044-1121-123456-78A9B.`;
    expect(numerosUniquesIn([text])).toEqual(['044112112345678A9B', canonical]);
    const [first] = findNumerosUniques(text);
    expect(text.slice(first?.start, first?.end)).toBe('044 1121 123456 78A9B');
  });

  it.each([
    ['a mobile phone', '06 12 34 56 78'],
    ['a phone in one run', '0612345678'],
    ['an international phone', '+33 2 99 12 34 56'],
    ['a NIR', '1 85 05 35 123 456 78'],
    ['a NIR in one run', '185053512345678'],
    ['a spaced IBAN', 'FR76 3000 6000 0112 3456 7890 189'],
    ['an IBAN in one run', 'FR7630006000011234567890189'],
    ['a SIRET', '123 456 789 00012'],
    ['a date', '12/03/2020 à 10h30'],
    ['a ticket number', '#27474'],
    ['month 13', '0351320012345AB12C'],
    ['month 00', '0350020012345AB12C'],
    ['département 000', '0000320012345AB12C'],
    ['département 096', '0960320012345AB12C'],
    ['département 020 (Corsica is 2A/2B)', '0200320012345AB12C'],
    ['département 977', '9770320012345AB12C'],
    ['19 characters', '0350320012345AB12CD'],
    ['17 characters', '0350320012345AB12'],
    ['glued to letters', 'X0350320012345AB12C'],
    ['glued to digits', '10350320012345AB12C'],
    ['a letter in the sequence', '0350320012A45AB12C'],
    ['separators in odd places', '0350 320012345 AB12C'],
    ['an underscore', '035_0320_012345_AB12C'],
  ])('does not take %s for one', (_, text) => {
    expect(numerosUniquesIn([`Texte : ${text} fin`])).toEqual([]);
  });

  it('refuses, when parsing a single value, anything around the number', () => {
    expect(parseNumeroUnique(`  ${canonical}  `)).toBe(canonical);
    expect(parseNumeroUnique(`n° ${canonical}`)).toBeNull();
    expect(parseNumeroUnique('')).toBeNull();
    expect(parseNumeroUnique('x'.repeat(10_000))).toBeNull();
  });

  it('stays linear on long hostile input', () => {
    const hostile = `${'0350320 '.repeat(20_000)}${'9'.repeat(50_000)}`;
    expect(numerosUniquesIn([hostile])).toEqual([]);
  });

  it('formats and masks', () => {
    expect(formatNumeroUnique(canonical)).toBe('035 0320 012345 AB12C');
    expect(maskNumeroUnique(`Ma demande 035 0320 012345 AB12C.`)).toBe(
      'Ma demande [numéro unique masqué].',
    );
  });
});
