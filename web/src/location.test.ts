import { describe, expect, it } from 'vitest';
import { inAppHref, type LinkClick, locationOf } from './location.ts';

const plain: LinkClick = {
  defaultPrevented: false,
  button: 0,
  metaKey: false,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
};

describe('an address', () => {
  it('splits into path and query string', () => {
    expect(locationOf('/reports?period=2020')).toEqual({
      pathname: '/reports',
      search: '?period=2020',
    });
    expect(locationOf('/inbox')).toEqual({ pathname: '/inbox', search: '' });
  });

  it('drops the fragment and normalises the path', () => {
    expect(locationOf('/account/reset#TOKEN')).toEqual({ pathname: '/account/reset', search: '' });
    expect(locationOf('/a/../users?x=1')).toEqual({ pathname: '/users', search: '?x=1' });
  });
});

describe('a click on a link', () => {
  it('is followed by the app when plain, on a path', () => {
    expect(inAppHref(plain, '/reports')).toBe('/reports');
    expect(inAppHref(plain, '/inbox?folder=mine')).toBe('/inbox?folder=mine');
  });

  it('is left to the browser when modified, not the main button, or already handled', () => {
    for (const change of [
      { metaKey: true },
      { ctrlKey: true },
      { shiftKey: true },
      { altKey: true },
      { button: 1 },
      { defaultPrevented: true },
    ])
      expect(inAppHref({ ...plain, ...change }, '/reports')).toBeNull();
  });

  it('is left to the browser for other addresses', () => {
    for (const href of ['https://example.org/', 'mailto:a@example.org', '#top', 'reports', null])
      expect(inAppHref(plain, href)).toBeNull();
  });
});
