import { describe, expect, it } from 'vitest';
import { presentReportFilters } from './report-filters.ts';

const rows = {
  mailboxes: [
    { id: 'm1', slug: 'partenaires', name: 'Partenaires' },
    { id: 'm2', slug: 'demandeurs', name: 'Demandeurs' },
  ],
  fields: [
    { id: 'f1', mailbox_id: 'm1', key: 'nature', label: 'Nature' },
    { id: 'f2', mailbox_id: 'm2', key: 'departement', label: 'Département' },
  ],
  values: [
    { id: 'v1', field_id: 'f1', label: 'Demande' },
    { id: 'v2', field_id: 'f1', label: 'Anomalie' },
    { id: 'v3', field_id: 'f2', label: '44' },
  ],
  organisations: [{ id: 'o1', name: 'Bailleur Exemple' }],
  years: [
    { mailbox_id: 'm2', year: 2020 },
    { mailbox_id: 'm1', year: 2020 },
    { mailbox_id: 'm1', year: 2019 },
  ],
};

describe('presentReportFilters', () => {
  it('nests values in their field and fields in their mailbox, in the rows’ order', () => {
    expect(presentReportFilters(rows)).toEqual({
      mailboxes: [
        {
          slug: 'partenaires',
          name: 'Partenaires',
          fields: [
            {
              id: 'f1',
              key: 'nature',
              label: 'Nature',
              values: [
                { id: 'v1', label: 'Demande' },
                { id: 'v2', label: 'Anomalie' },
              ],
            },
          ],
        },
        {
          slug: 'demandeurs',
          name: 'Demandeurs',
          fields: [
            {
              id: 'f2',
              key: 'departement',
              label: 'Département',
              values: [{ id: 'v3', label: '44' }],
            },
          ],
        },
      ],
      organisations: [{ id: 'o1', name: 'Bailleur Exemple' }],
      years: [2020, 2019],
    });
  });

  it('lists only the years of the mailboxes the user may see, newest first', () => {
    expect(presentReportFilters(rows, ['demandeurs']).years).toEqual([2020]);
    expect(presentReportFilters(rows, []).years).toEqual([]);
  });

  it('keeps only the mailboxes the user may see; no internal ids leak', () => {
    const shown = presentReportFilters(rows, ['demandeurs']);
    expect(shown.mailboxes.map((m) => m.slug)).toEqual(['demandeurs']);
    expect(JSON.stringify(shown)).not.toMatch(/mailbox_id|field_id|"m[12]"/);
    expect(presentReportFilters(rows, []).mailboxes).toEqual([]);
  });
});
