import { describe, expect, it } from 'vitest';
import {
  isWorkspacePath,
  mayOpen,
  navigationLinks,
  pageOf,
  pageRoutes,
  windowTitle,
} from './app-routes.ts';
import { dictionaries } from './i18n.ts';

const t = dictionaries.fr;

describe('the pages of the app', () => {
  it('knows the workspace paths', () => {
    for (const path of ['/inbox', '/saved-replies', '/tickets/1', '/tickets/123456'])
      expect(isWorkspacePath(path)).toBe(true);
    for (const path of ['/tickets/', '/tickets/abc', '/tickets/1/x', '/inbox/', '/'])
      expect(isWorkspacePath(path)).toBe(false);
  });

  it('opens each page from its least role up', () => {
    expect(mayOpen('admin', 'viewer')).toBe(true);
    expect(mayOpen('supervisor', 'supervisor')).toBe(true);
    expect(mayOpen('supervisor', 'admin')).toBe(false);
    expect(mayOpen('viewer', 'agent')).toBe(false);
  });

  it('picks the page of a path, or home when the role may not open it', () => {
    expect(pageOf('/tickets/7', 'agent')?.key).toBe('workspace');
    expect(pageOf('/tickets/7', 'viewer')).toBeUndefined();
    expect(pageOf('/reports', 'viewer')?.key).toBe('reports');
    expect(pageOf('/users', 'supervisor')?.key).toBe('users');
    expect(pageOf('/users', 'agent')).toBeUndefined();
    expect(pageOf('/privacy', 'supervisor')).toBeUndefined();
    expect(pageOf('/privacy', 'admin')?.key).toBe('privacy');
    expect(pageOf('/nowhere', 'admin')).toBeUndefined();
  });

  it('has one page per key, each either titled or naming the window itself', () => {
    const keys = pageRoutes.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const page of pageRoutes)
      expect(Boolean(page.ownTitle) !== Boolean(page.title)).toBe(true);
  });

  it('titles the window with the page and the app', () => {
    expect(windowTitle(pageOf('/reports', 'viewer'), t)).toBe(`${t.navReports} — ${t.appName}`);
    expect(windowTitle(undefined, t)).toBe(t.appName);
    expect(windowTitle(pageOf('/inbox', 'agent'), t)).toBeNull();
  });
});

describe('the header links', () => {
  const hrefs = (links: { href: string }[]) => links.map((l) => l.href);
  const current = (links: { href: string; current: boolean }[]) =>
    links.filter((l) => l.current).map((l) => l.href);

  it('shows a viewer the work row without the inbox nor the directory, and no administration', () => {
    const { work, administration } = navigationLinks('/', 'viewer', t);
    expect(hrefs(work)).toEqual(['/', '/reports', '/profile']);
    expect(administration).toEqual([]);
  });

  it('shows an admin everything, privacy last', () => {
    const { work, administration } = navigationLinks('/', 'admin', t);
    expect(hrefs(work)).toEqual(['/inbox', '/', '/reports', '/directory', '/profile']);
    expect(hrefs(administration)).toEqual([
      '/saved-replies',
      '/help-centre',
      '/users',
      '/audit',
      '/targets',
      '/privacy',
    ]);
    expect(work.map((l) => l.label)).toContain(t.navInbox);
  });

  it('keeps privacy from a supervisor', () => {
    expect(hrefs(navigationLinks('/', 'supervisor', t).administration)).not.toContain('/privacy');
  });

  it('marks the inbox current on a ticket, and mailboxes on home or an unknown path', () => {
    expect(current(navigationLinks('/tickets/3', 'agent', t).work)).toEqual(['/inbox']);
    expect(current(navigationLinks('/', 'agent', t).work)).toEqual(['/']);
    expect(current(navigationLinks('/nowhere', 'agent', t).work)).toEqual(['/']);
    expect(current(navigationLinks('/reports', 'agent', t).work)).toEqual(['/reports']);
    // a page the role may not open shows home
    expect(current(navigationLinks('/users', 'agent', t).work)).toEqual(['/']);
  });
});
