import type { ReportDto } from '@shared/contracts.ts';
import { describe, expect, it } from 'vitest';
import { formatDelay } from './drill-drawer.tsx';
import { chartTableId, clickTarget } from './report-chart.tsx';
import { editableSections } from './reports-page.tsx';

describe('drill-down from a chart', () => {
  const drill = {
    mars: { mailbox: 'partenaires', month: '2020-03' },
    '44': { mailbox: 'partenaires', field: 'f', value: 'v' },
  };
  const previous = { label: '2019', from: '2019-01-01', to: '2019-12-31' };

  it('maps a chart to its table and a bar to its row', () => {
    expect(
      chartTableId({ id: '1D-chart', kind: 'pie', title: '', categories: [], series: [] }),
    ).toBe('1D');
    expect(
      clickTarget({ name: '44', seriesName: 'Départements', seriesIndex: 0 }, drill, previous),
    ).toEqual({ target: drill['44'] });
    expect(clickTarget({ name: 'Autre', seriesName: 'x', seriesIndex: 0 }, drill, previous)).toBe(
      undefined,
    );
  });

  it('sends a bar of the previous year to that month, within the previous period', () => {
    expect(
      clickTarget({ name: 'mars', seriesName: '2019', seriesIndex: 0 }, drill, previous),
    ).toEqual({
      target: { mailbox: 'partenaires', month: '2019-03' },
      period: '2019-01-01..2019-12-31',
    });
  });
});

describe('texts a supervisor edits', () => {
  const text = { kind: 'text' as const, paragraphs: ['…'] };
  const data = {
    canEdit: true,
    report: {
      parts: [1, 2, 3].map((number) => ({ number, title: '' })),
      sections: ['1A', '1B', '2A', '3A', '3B', '3C'].map((id) => ({
        id,
        part: Number(id[0]),
        title: '',
        blocks: [text],
      })),
    },
  } as unknown as ReportDto;

  it('offers the preambles of the mailbox parts and the comments of the last part', () => {
    expect([...editableSections(data, undefined)].sort()).toEqual(['1A', '2A', '3A', '3B', '3C']);
  });

  it('offers nothing to someone who may not edit', () => {
    expect(editableSections({ ...data, canEdit: false }, undefined).size).toBe(0);
  });
});

describe('first-response delays', () => {
  it('reads like people write them', () => {
    expect(formatDelay(45 * 60)).toBe('45 min');
    expect(formatDelay(3 * 3600 + 5 * 60)).toBe('3 h 05');
    expect(formatDelay(52 * 3600)).toBe('2 j 4 h');
  });
});
