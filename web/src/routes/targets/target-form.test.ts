import { describe, expect, it } from 'vitest';
import {
  emptyTargetForm,
  narrowingOf,
  parseDuration,
  termsOf,
  writeDuration,
} from './target-form.ts';

describe('the response target form', () => {
  it('reads durations as people type them', () => {
    expect(parseDuration('')).toBeNull();
    expect(parseDuration(' 45 ')).toBe(45);
    expect(parseDuration('45 min')).toBe(45);
    expect(parseDuration('1 h')).toBe(60);
    expect(parseDuration('1h30')).toBe(90);
    expect(parseDuration('1 h 30')).toBe(90);
    expect(parseDuration('2 j')).toBe(2880);
    expect(parseDuration('1 j 4 h')).toBe(1680);
    expect(parseDuration('une heure')).toBeNaN();
    expect(parseDuration('1 h; drop')).toBeNaN();
    expect(parseDuration('30 45')).toBeNaN();
  });

  it('writes them back the same way', () => {
    for (const minutes of [45, 60, 90, 1440, 1680, 2885])
      expect(parseDuration(writeDuration(minutes))).toBe(minutes);
    expect(writeDuration(null)).toBe('');
  });

  it('sends terms, or names the field to fix', () => {
    expect(termsOf(emptyTargetForm)).toEqual({
      terms: {
        firstResponseMinutes: 60,
        nextResponseMinutes: null,
        resolutionMinutes: null,
        businessHours: true,
        warnBeforeMinutes: 15,
      },
    });
    expect(termsOf({ ...emptyTargetForm, resolution: 'bientôt' })).toEqual({
      invalid: 'resolution',
    });
    expect(termsOf({ ...emptyTargetForm, firstResponse: '0' })).toEqual({
      invalid: 'firstResponse',
    });
    expect(termsOf({ ...emptyTargetForm, firstResponse: '' })).toEqual({ invalid: 'none' });
  });

  it('turns the narrowing choice into the request', () => {
    expect(narrowingOf('')).toEqual({ fieldValueId: null, organisationTypeValueId: null });
    expect(narrowingOf('value:v1')).toEqual({ fieldValueId: 'v1', organisationTypeValueId: null });
    expect(narrowingOf('type:t1')).toEqual({ fieldValueId: null, organisationTypeValueId: 't1' });
  });
});
