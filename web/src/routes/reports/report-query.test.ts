import { describe, expect, it } from 'vitest';
import {
  defaultPeriod,
  drillPageQuery,
  drillQuery,
  exportHref,
  monthYearBefore,
  parseView,
  periodParts,
  periodString,
  viewQuery,
} from './report-query.ts';

const today = new Date('2026-11-29T06:00:00Z');

describe('report view in the URL', () => {
  it('defaults to the last full year in calendar time, without filters', () => {
    expect(defaultPeriod(today)).toBe('2025');
    expect(parseView('', today)).toEqual({
      period: '2025',
      mailbox: [],
      departement: [],
      value: [],
      clock: 'calendar',
    });
  });

  it('opens on the given fallback year when the URL names no period', () => {
    expect(parseView('', today, '2020').period).toBe('2020');
    expect(parseView('?period=2018', today, '2020').period).toBe('2018');
  });

  it('reads repeated filters and writes them back the same way', () => {
    const search =
      '?period=2020-Q2&mailbox=partenaires&mailbox=demandeurs&departement=44&departement=85' +
      '&value=0b5e2c1a-1111-4222-8333-944455556666&organisation=7f1e2c1a-1111-4222-8333-944455556666' +
      '&clock=business&targets=true';
    const view = parseView(search, today);
    expect(view.targets).toBe(true);
    expect(view.mailbox).toEqual(['partenaires', 'demandeurs']);
    expect(view.departement).toEqual(['44', '85']);
    expect(view.clock).toBe('business');
    expect(`?${viewQuery(view)}`).toBe(search);
  });

  it('leaves the calendar clock and empty filters out of the query', () => {
    expect(viewQuery(parseView('?period=2020&clock=nonsense', today))).toBe('period=2020');
  });

  it('splits and joins every kind of period', () => {
    for (const period of ['2020', '2020-Q3', '2020-03', '2020-01-15..2020-06-30']) {
      expect(periodString(periodParts(period, today))).toBe(period);
    }
    expect(periodParts('2020-T2', today)).toMatchObject({ kind: 'quarter', quarter: 2 });
    expect(periodParts('gibberish', today)).toMatchObject({ kind: 'year', year: 2025 });
    expect(periodParts('2020-13', today)).toMatchObject({ kind: 'year', year: 2025 });
  });
});

describe('links built from a view', () => {
  const view = parseView('?period=2020&mailbox=demandeurs&value=v-filter', today);

  it('narrows the view to a drill target: its mailbox, month, field and value', () => {
    const query = new URLSearchParams(
      drillQuery(view, { mailbox: 'partenaires', field: 'f-1', value: 'v-44', month: '2020-03' }),
    );
    expect(query.getAll('mailbox')).toEqual(['partenaires']);
    expect(query.getAll('value')).toEqual(['v-filter', 'v-44']);
    expect(query.get('field')).toBe('f-1');
    expect(query.get('month')).toBe('2020-03');
    expect(query.get('missing')).toBeNull();
    const missing = new URLSearchParams(
      drillQuery(view, { mailbox: 'partenaires', field: 'f-1', missing: true }),
    );
    expect(missing.get('missing')).toBe('true');
  });

  it('links every export to the same view, CSV with the ";" separator', () => {
    expect(exportHref(view, 'pdf')).toBe(
      '/api/reports/export?period=2020&mailbox=demandeurs&value=v-filter&format=pdf',
    );
    expect(exportHref(view, 'csv')).toContain('&format=csv&separator=%3B');
  });

  it('finds the same month a year earlier', () => {
    expect(monthYearBefore('2020-01')).toBe('2019-01');
  });
});

describe('drill-down pages', () => {
  it('asks for a page of tickets after the ones before it', () => {
    const query = 'period=2020&mailbox=partenaires';
    expect(drillPageQuery(query, 1, 100)).toBe('period=2020&mailbox=partenaires&limit=100');
    expect(drillPageQuery(query, 3, 100)).toBe(
      'period=2020&mailbox=partenaires&limit=100&offset=200',
    );
    expect(drillPageQuery(`${query}&offset=700`, 0, 100)).toBe(
      'period=2020&mailbox=partenaires&limit=100',
    );
  });
});
