import { describe, expect, it } from 'vitest';
import { matchesSearch, visibleGroups } from './picker-search.ts';

const option = (label: string) => ({ value: label, label });

describe('the picker search', () => {
  it('finds a label whatever the accents and the case', () => {
    expect(matchesSearch(option('Côtes-d’Armor'), 'cotes')).toBe(true);
    expect(matchesSearch(option('Finistère'), 'FINISTERE')).toBe(true);
    expect(matchesSearch(option('Loire-Atlantique'), ' atlan ')).toBe(true);
    expect(matchesSearch(option('Morbihan'), 'ille')).toBe(false);
  });

  it('shows everything for an empty search', () => {
    expect(matchesSearch(option('Morbihan'), '   ')).toBe(true);
  });

  it('keeps the matching options and drops the groups left empty', () => {
    const groups = [
      { group: 'Bretagne', items: [option('Finistère'), option('Morbihan')] },
      { group: 'Pays de la Loire', items: [option('Sarthe')] },
    ];
    expect(visibleGroups(groups, 'fini')).toEqual([
      { group: 'Bretagne', items: [option('Finistère')] },
    ]);
    expect(visibleGroups(groups, '')).toEqual(groups);
    expect(visibleGroups(groups, 'zzz')).toEqual([]);
  });
});
