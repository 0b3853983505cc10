import { describe, expect, it } from 'vitest';
import {
  isWorkspacePath,
  landingPath,
  mayOpen,
  navigationLinks,
  pageOf,
  pageRoutes,
  resolvePath,
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
    expect(pageOf('/setup', 'supervisor')?.key).toBe('setup');
    expect(pageOf('/mail-settings', 'admin')?.key).toBe('mailSettings');
    expect(pageOf('/fields', 'agent')).toBeUndefined();
  });

  it('lands agents on their tickets, supervisors on the dashboard, viewers on reports, admins on the checklist until done', () => {
    expect(landingPath('agent', false)).toBe('/inbox');
    expect(landingPath('supervisor', false)).toBe('/dashboard');
    expect(landingPath('admin', true)).toBe('/dashboard');
    expect(landingPath('admin', false)).toBe('/setup');
    expect(landingPath('viewer', true)).toBe('/reports');
  });

  it('tells an unknown path (404) from a page the role may not open (access refused)', () => {
    expect(resolvePath('/', 'agent')).toEqual({ kind: 'landing' });
    expect(resolvePath('/nowhere', 'admin')).toEqual({ kind: 'notFound' });
    expect(resolvePath('/tickets/abc', 'agent')).toEqual({ kind: 'notFound' });
    expect(resolvePath('/users', 'agent')).toMatchObject({
      kind: 'forbidden',
      page: { key: 'users' },
    });
    expect(resolvePath('/privacy', 'supervisor').kind).toBe('forbidden');
    expect(resolvePath('/tickets/27474', 'viewer').kind).toBe('forbidden');
    expect(resolvePath('/tickets/27474', 'agent')).toMatchObject({
      kind: 'page',
      page: { key: 'workspace' },
    });
    expect(resolvePath('/mailboxes', 'viewer')).toMatchObject({ kind: 'page' });
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

describe('the side navigation links', () => {
  const hrefs = (links: { href: string }[]) => links.map((l) => l.href);
  const current = (links: { href: string; current: boolean }[]) =>
    links.filter((l) => l.current).map((l) => l.href);

  it('shows a viewer the work links without the directory, and no administration', () => {
    const { work, administration } = navigationLinks('/', 'viewer', t);
    expect(hrefs(work)).toEqual(['/reports', '/mailboxes', '/profile']);
    expect(administration).toEqual([]);
  });

  it('shows an admin everything, privacy last', () => {
    const { work, administration } = navigationLinks('/', 'admin', t);
    expect(hrefs(work)).toEqual([
      '/dashboard',
      '/reports',
      '/directory',
      '/incidents',
      '/macros',
      '/mailboxes',
      '/profile',
    ]);
    expect(hrefs(administration)).toEqual([
      '/saved-replies',
      '/help-centre',
      '/users',
      '/audit',
      '/setup',
      '/mail-settings',
      '/fields',
      '/targets',
      '/webhooks',
      '/rules',
      '/privacy',
    ]);
    expect(work.map((l) => l.label)).toContain(t.navMailboxes);
  });

  it('keeps privacy from a supervisor', () => {
    expect(hrefs(navigationLinks('/', 'supervisor', t).administration)).not.toContain('/privacy');
    expect(hrefs(navigationLinks('/', 'supervisor', t).administration)).not.toContain('/webhooks');
  });

  it('marks the page shown current, and none on a ticket or an unknown path', () => {
    expect(current(navigationLinks('/tickets/3', 'agent', t).work)).toEqual([]);
    expect(current(navigationLinks('/nowhere', 'agent', t).work)).toEqual([]);
    expect(current(navigationLinks('/reports', 'agent', t).work)).toEqual(['/reports']);
    expect(current(navigationLinks('/mailboxes', 'agent', t).work)).toEqual(['/mailboxes']);
  });
});
