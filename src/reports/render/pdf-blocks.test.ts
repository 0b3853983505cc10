import { describe, expect, it } from 'vitest';
import { breakLongWords } from './pdf-blocks.ts';

describe('breakLongWords', () => {
  it('lets pdfmake wrap a word longer than a column', () => {
    const long = 'x'.repeat(70);
    expect(
      breakLongWords(long)
        .split('\u200b')
        .map((part) => part.length),
    ).toEqual([32, 32, 6]);
    expect(breakLongWords('mots courts')).toBe('mots courts');
    // Counted in characters: an emoji is never cut in half.
    const emoji = breakLongWords('👍'.repeat(40));
    expect(emoji.split('\u200b')).toEqual(['👍'.repeat(32), '👍'.repeat(8)]);
  });
});
