import { describe, expect, it } from 'vitest';
import { formatCell, truncateLabel, xmlText } from './format-cell.ts';

describe('formatCell', () => {
  it('prints counts and percentages the French way', () => {
    expect(formatCell({ kind: 'count', value: 3039 })).toBe('3\u00a0039');
    expect(formatCell({ kind: 'percent', value: 45.1, decimals: 1 })).toBe('45,1\u00a0%');
    expect(formatCell({ kind: 'percent', value: 27.11, decimals: 2 })).toBe('27,11\u00a0%');
    expect(formatCell({ kind: 'percent', value: 100, decimals: 0 })).toBe('100\u00a0%');
    expect(formatCell({ kind: 'text', value: 'Autre' })).toBe('Autre');
    expect(formatCell({ kind: 'empty' })).toBe('');
    expect(formatCell(undefined)).toBe('');
  });
});

describe('text helpers', () => {
  it('drops control characters XML cannot hold, keeps tabs and line breaks', () => {
    expect(xmlText('a\u0000b\u001fc\td\ne')).toBe('a b c\td\ne');
  });

  it('cuts chart labels without splitting an emoji', () => {
    expect(truncateLabel('court', 10)).toBe('court');
    expect(truncateLabel('👍'.repeat(12), 10)).toBe(`${'👍'.repeat(9)}…`);
  });
});
