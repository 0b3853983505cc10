import { describe, expect, it } from 'vitest';
import { splitDomains } from './domains.ts';

describe('the domains field', () => {
  it('splits on spaces, commas, semicolons and new lines', () => {
    expect(
      splitDomains('mairie.example.org, cas.example.org;ccas.example.org\nx.example.org'),
    ).toEqual(['mairie.example.org', 'cas.example.org', 'ccas.example.org', 'x.example.org']);
  });

  it('drops the empty pieces', () => {
    expect(splitDomains('  a.example.org ,, ; ')).toEqual(['a.example.org']);
    expect(splitDomains('')).toEqual([]);
  });
});
