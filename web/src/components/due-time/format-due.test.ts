import { describe, expect, it } from 'vitest';
import { formatDue, formatSpan } from './format-due.ts';

const now = new Date('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

describe('a due time as people read it', () => {
  it('says how long is left, by kind', () => {
    expect(formatDue({ at: at(23), kind: 'first_response' }, now)).toEqual({
      text: 'à répondre dans 23 min',
      urgency: 'soon',
    });
    expect(formatDue({ at: at(23.9), kind: 'next_response' }, now)?.text).toBe(
      'à répondre dans 23 min',
    );
    expect(formatDue({ at: at(3 * 60), kind: 'resolution' }, now)).toEqual({
      text: 'à résoudre dans 3 h',
      urgency: 'later',
    });
    expect(formatDue({ at: at(60), kind: 'first_response' }, now)?.urgency).toBe('soon');
    expect(formatDue({ at: at(0.2), kind: 'first_response' }, now)?.text).toBe(
      'à répondre dans 1 min',
    );
  });

  it('says how late', () => {
    expect(formatDue({ at: at(-120), kind: 'first_response' }, now)).toEqual({
      text: 'en retard de 2 h',
      urgency: 'late',
    });
    expect(formatDue({ at: at(-135), kind: 'resolution' }, now)?.text).toBe('en retard de 2 h 15');
    expect(formatDue({ at: at(-0.5), kind: 'resolution' }, now)?.urgency).toBe('late');
  });

  it('grows coarser with the span', () => {
    expect(formatSpan(59 * 60_000)).toBe('59 min');
    expect(formatSpan(65 * 60_000)).toBe('1 h 05');
    expect(formatSpan(24 * 3_600_000)).toBe('1 j');
    expect(formatSpan(28 * 3_600_000 + 59 * 60_000)).toBe('1 j 4 h');
    expect(formatSpan(28 * 3_600_000, 'en')).toBe('1 d 4 h');
  });

  it('speaks English when asked, and ignores an unreadable time', () => {
    expect(formatDue({ at: at(-5), kind: 'first_response' }, now, 'en')?.text).toBe(
      'late by 5 min',
    );
    expect(formatDue({ at: at(30), kind: 'resolution' }, now, 'en')?.text).toBe(
      'resolve within 30 min',
    );
    expect(formatDue({ at: 'not a date', kind: 'resolution' }, now)).toBeNull();
  });
});

describe('the escalation lines of the history', () => {
  it('names what was due and when, Paris time', async () => {
    const { dueClock, dueKindFr } = await import('./due-event.ts');
    expect(dueKindFr('first_response')).toBe('première réponse');
    expect(dueKindFr('anything')).toBe('réponse');
    expect(dueClock('2026-03-02T10:00:00.000Z', 'fr')).toBe('02/03 11:00');
    expect(dueClock('garbage', 'fr')).toBe('?');
  });
});
