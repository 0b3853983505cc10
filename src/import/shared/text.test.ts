import { describe, expect, it } from 'vitest';
import { cleanEmail, normaliseName, parseImportDate } from './text.ts';

describe('normaliseName', () => {
  it('ignores accents, case, spacing, typographic apostrophes and ligatures', () => {
    expect(normaliseName('  Module de l’Application ')).toBe("module de l'application");
    expect(normaliseName('NATURE DU PROBLÈME')).toBe(normaliseName('Nature du problème'));
    expect(normaliseName('Dde  d’infos')).toBe("dde d'infos");
    expect(normaliseName('Cœur')).toBe('coeur');
  });
});

describe('parseImportDate', () => {
  it('reads ISO dates with a zone exactly', () => {
    expect(parseImportDate('2020-03-02T09:15:00Z')?.date.toISOString()).toBe(
      '2020-03-02T09:15:00.000Z',
    );
    expect(parseImportDate('2020-03-02T10:15:00+01:00')?.date.toISOString()).toBe(
      '2020-03-02T09:15:00.000Z',
    );
    expect(parseImportDate('2020-03-02 10:15:00+0100')?.date.toISOString()).toBe(
      '2020-03-02T09:15:00.000Z',
    );
    expect(parseImportDate('2020-03-02T09:15:00.123Z')?.warning).toBeUndefined();
  });

  it('reads dates without a zone as Paris time (winter and summer), with a warning', () => {
    const winter = parseImportDate('2020-01-15T10:00:00');
    expect(winter?.date.toISOString()).toBe('2020-01-15T09:00:00.000Z');
    expect(winter?.warning).toMatch(/Paris/);
    expect(parseImportDate('2020-07-15 10:00')?.date.toISOString()).toBe(
      '2020-07-15T08:00:00.000Z',
    );
    expect(parseImportDate('15/07/2020 10:00:30')?.date.toISOString()).toBe(
      '2020-07-15T08:00:30.000Z',
    );
    expect(parseImportDate('2020-07-15')?.date.toISOString()).toBe('2020-07-14T22:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    for (const text of [
      'yesterday',
      '',
      '2020-13-01T00:00:00Z',
      '31/02/20',
      '1850-01-01T00:00:00Z',
      '2020-02-30 25:00',
    ]) {
      expect(parseImportDate(text), text).toBeNull();
    }
  });
});

describe('cleanEmail', () => {
  it('lowercases and keeps non-ASCII local parts and domains', () => {
    expect(cleanEmail(' Élodie@Exemple.example.org ')).toBe('élodie@exemple.example.org');
    expect(cleanEmail('"a b"@x.fr')).toBeNull();
    expect(cleanEmail('no-at-sign')).toBeNull();
    expect(cleanEmail('a@localhost')).toBeNull();
    expect(cleanEmail(null)).toBeNull();
  });
});
