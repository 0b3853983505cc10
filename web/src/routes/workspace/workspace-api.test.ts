import { describe, expect, it } from 'vitest';
import { queryString } from './workspace-api.ts';

describe('the inbox query string', () => {
  it('sends the parameters with a value, encoded', () => {
    expect(queryString({ folder: 'all', q: 'facture & relance', cursor: undefined, tag: '' })).toBe(
      'folder=all&q=facture+%26+relance',
    );
  });

  it('is empty without parameters', () => {
    expect(queryString({})).toBe('');
  });
});
