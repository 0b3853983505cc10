import { describe, expect, it } from 'vitest';
import type { DeflectionRow } from '../shared/portal-contracts.ts';
import { presentDeflectionStats } from './deflection-stats.ts';

const row = (over: Partial<DeflectionRow>): DeflectionRow => ({
  month: '2026-10',
  departement: '44',
  natureKey: null,
  articleViews: 0,
  searches: 0,
  searchesWithoutResult: 0,
  helpedYes: 0,
  helpedNo: 0,
  formStarts: 0,
  formSubmissions: 0,
  ...over,
});

describe('presentDeflectionStats', () => {
  it('sums every count of the rows into the totals and keeps the rows as read', () => {
    const rows = [
      row({ articleViews: 3, searches: 2, formStarts: 1 }),
      row({ month: '2026-11', departement: '35', natureKey: 'doublon', searches: 1, helpedYes: 4 }),
    ];
    const natures = [{ key: 'doublon', label: 'Demande en doublon', hint: '', valueId: null }];
    const shown = presentDeflectionStats({ rows, emptySearches: [], natures });
    expect(shown.rows).toEqual(rows);
    expect(shown.natures).toEqual(natures);
    expect(shown.totals).toEqual({
      articleViews: 3,
      searches: 3,
      searchesWithoutResult: 0,
      helpedYes: 4,
      helpedNo: 0,
      formStarts: 1,
      formSubmissions: 0,
    });
  });

  it('an empty period: zero totals; a search without text reads as an empty string', () => {
    const shown = presentDeflectionStats({
      rows: [],
      emptySearches: [
        { query: 'radiation', count: 3 },
        { query: null, count: 1 },
      ],
      natures: [],
    });
    expect(Object.values(shown.totals).every((n) => n === 0)).toBe(true);
    expect(shown.emptySearches).toEqual([
      { query: 'radiation', count: 3 },
      { query: '', count: 1 },
    ]);
  });
});
