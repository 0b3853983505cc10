import { describe, expect, it } from 'vitest';
import { excludesSpam, spamSearch } from './search-exclusions.ts';

describe('what an empty search says it left out', () => {
  it('speaks of spam and deleted tickets after a search outside the spam folder', () => {
    expect(excludesSpam({ q: '27474', folder: 'all' })).toBe(true);
    expect(excludesSpam({ q: '27474', folder: 'spam' })).toBe(false);
    expect(excludesSpam({ q: '27474', status: 'spam' })).toBe(false);
    expect(excludesSpam({ folder: 'mine' })).toBe(false);
  });

  it('offers the same search in the spam folder', () => {
    expect(spamSearch({ q: '27474', folder: 'all', status: 'closed', mailbox: 'm' })).toEqual({
      q: '27474',
      folder: 'spam',
      status: undefined,
      mailbox: 'm',
    });
  });
});
