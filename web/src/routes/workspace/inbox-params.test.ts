import { describe, expect, it } from 'vitest';
import {
  filterKeys,
  folderHref,
  inboxHref,
  isCurrentFolder,
  listedFolder,
  parseInboxFilters,
  searchFilters,
  shownFolder,
  splitFieldFilter,
} from './inbox-params.ts';

describe('the inbox filters in the URL', () => {
  it('reads every known key and ignores unknown and empty ones', () => {
    expect(parseInboxFilters('?folder=mine&q=facture&status=&foo=bar&tag=t1')).toEqual({
      folder: 'mine',
      q: 'facture',
      tag: 't1',
    });
    expect(parseInboxFilters('')).toEqual({});
    const all = Object.fromEntries(filterKeys.map((k) => [k, `v-${k}`]));
    expect(parseInboxFilters(`?${new URLSearchParams(all)}`)).toEqual(all);
  });

  it('decodes what the browser encoded', () => {
    expect(parseInboxFilters('?q=%C2%AB+r%C3%A9sili%C3%A9+%C2%BB&field=a%3Anone')).toEqual({
      q: '« résilié »',
      field: 'a:none',
    });
  });

  it('writes the merged filters back, dropping the emptied ones', () => {
    const current = { folder: 'mine', q: 'x', status: 'pending' };
    expect(inboxHref(current, { q: undefined, sort: 'oldest' })).toBe(
      '/inbox?folder=mine&status=pending&sort=oldest',
    );
    expect(inboxHref(current, { status: '' })).toBe('/inbox?folder=mine&q=x');
    expect(inboxHref({}, {})).toBe('/inbox?');
  });

  it('round-trips through the query string', () => {
    const filters = { folder: 'all', q: 'a&b=c', field: 'f1:v1', from: '2026-01-01' };
    const href = inboxHref({}, filters);
    expect(parseInboxFilters(href.slice('/inbox'.length))).toEqual(filters);
  });
});

describe('the folder of the inbox', () => {
  it('shows the unassigned folder unless one is named', () => {
    expect(shownFolder({})).toBe('unassigned');
    expect(shownFolder({ folder: 'closed' })).toBe('closed');
  });

  it('searches every folder when a search names no folder', () => {
    expect(listedFolder({ q: 'x' })).toBe('all');
    expect(listedFolder({ q: 'x', folder: 'mine' })).toBe('mine');
    expect(listedFolder({})).toBe('unassigned');
  });

  it('marks a folder link current only outside a search', () => {
    expect(isCurrentFolder('unassigned', {})).toBe(true);
    expect(isCurrentFolder('mine', { folder: 'mine' })).toBe(true);
    expect(isCurrentFolder('mine', { folder: 'mine', q: 'x' })).toBe(false);
    expect(isCurrentFolder('unassigned', { folder: 'mine' })).toBe(false);
  });

  it('links a folder with the chosen mailbox', () => {
    expect(folderHref('mine', undefined)).toBe('/inbox?folder=mine');
    expect(folderHref('pending', 'mb-1')).toBe('/inbox?folder=pending&mailbox=mb-1');
  });
});

describe('a submitted search', () => {
  it('trims the words and looks in every folder', () => {
    expect(searchFilters('  dupont ', { folder: 'mine' })).toEqual({ q: 'dupont', folder: 'all' });
  });

  it('an empty search clears the words and keeps the folder', () => {
    expect(searchFilters('   ', { folder: 'mine' })).toEqual({ q: '', folder: 'mine' });
    expect(searchFilters(null, {})).toEqual({ q: undefined, folder: undefined });
  });
});

describe('the field filter', () => {
  it('splits field and value', () => {
    expect(splitFieldFilter('f1:v2')).toEqual(['f1', 'v2']);
    expect(splitFieldFilter('f1:none')).toEqual(['f1', 'none']);
    expect(splitFieldFilter('f1')).toEqual(['f1', 'none']);
    expect(splitFieldFilter(undefined)).toEqual(['', '']);
  });
});
