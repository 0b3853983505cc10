import { describe, expect, it } from 'vitest';
import { exportHref } from './export-button.tsx';

describe('exportHref', () => {
  it('carries the inbox’s filters, the format and the columns in the list’s order', () => {
    const href = exportHref({ folder: 'mine', q: 'loyer', status: 'pending' }, 'xlsx', [
      'fields',
      'number',
    ]);
    const url = new URL(href, 'http://localhost');
    expect(url.pathname).toBe('/api/exports/tickets');
    expect(url.searchParams.get('folder')).toBe('mine');
    expect(url.searchParams.get('q')).toBe('loyer');
    expect(url.searchParams.get('status')).toBe('pending');
    expect(url.searchParams.get('format')).toBe('xlsx');
    expect(url.searchParams.getAll('columns')).toEqual(['number', 'fields']);
  });

  it('names the folder the list shows when the address names none', () => {
    const url = new URL(exportHref({}, 'csv', ['subject']), 'http://localhost');
    expect(url.searchParams.get('folder')).toBe('unassigned');
  });
});
