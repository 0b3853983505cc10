/**
 * The signed-in app's pages as a table: the paths, who may open each page
 * (the least role), the window's title, and the header's links in their two
 * rows. Pure: app-shell.tsx renders the page this table picks.
 */
import type { RoleName } from '@shared/contracts.ts';
import type { Messages } from './i18n.ts';

export const reportsPath = '/reports';
export const directoryPath = '/directory';
export const profilePath = '/profile';
export const helpCentrePath = '/help-centre';
export const privacyPath = '/privacy';
export const usersPath = '/users';
export const auditPath = '/audit';
export const targetsPath = '/targets';
/** Paths of the agent workspace (issue 6). */
export const isWorkspacePath = (pathname: string): boolean =>
  pathname === '/inbox' || pathname === '/saved-replies' || /^\/tickets\/\d+$/.test(pathname);

const rank: Record<RoleName, number> = { viewer: 0, agent: 1, supervisor: 2, admin: 3 };

/** Whether a role reaches the least role a page or link asks for. */
export const mayOpen = (role: RoleName, minimum: RoleName): boolean => rank[role] >= rank[minimum];

export type PageKey =
  | 'workspace'
  | 'reports'
  | 'directory'
  | 'profile'
  | 'helpCentre'
  | 'privacy'
  | 'users'
  | 'audit'
  | 'targets';

/**
 * A page of the app besides home: its path(s), who may open it, and whether
 * the page names the window itself (else `title` names it).
 */
export type PageRoute = {
  key: PageKey;
  matches: (pathname: string) => boolean;
  minimum: RoleName;
  /** The page sets document.title itself. */
  ownTitle?: boolean;
  title?: (t: Messages) => string;
};

const at = (path: string) => (pathname: string) => pathname === path;

export const pageRoutes: PageRoute[] = [
  { key: 'workspace', matches: isWorkspacePath, minimum: 'agent', ownTitle: true },
  { key: 'reports', matches: at(reportsPath), minimum: 'viewer', title: (t) => t.navReports },
  { key: 'directory', matches: at(directoryPath), minimum: 'agent', ownTitle: true },
  { key: 'profile', matches: at(profilePath), minimum: 'viewer', ownTitle: true },
  {
    key: 'helpCentre',
    matches: at(helpCentrePath),
    minimum: 'supervisor',
    title: (t) => t.navHelpCentre,
  },
  { key: 'privacy', matches: at(privacyPath), minimum: 'admin', title: (t) => t.navPrivacy },
  { key: 'users', matches: at(usersPath), minimum: 'supervisor', title: (t) => t.navUsers },
  { key: 'audit', matches: at(auditPath), minimum: 'supervisor', title: (t) => t.navAudit },
  { key: 'targets', matches: at(targetsPath), minimum: 'supervisor', title: (t) => t.navTargets },
];

/** The page at a path that this role may open; none means home. */
export function pageOf(pathname: string, role: RoleName): PageRoute | undefined {
  return pageRoutes.find((page) => page.matches(pathname) && mayOpen(role, page.minimum));
}

/** The window's title for a page (home: the app's name), or null when the page sets it. */
export function windowTitle(page: PageRoute | undefined, t: Messages): string | null {
  if (page?.ownTitle) return null;
  const name = page?.title?.(t);
  return name ? `${name} — ${t.appName}` : t.appName;
}

export type NavLink = { href: string; label: string; minimum: RoleName; current: boolean };

/**
 * The header's links that this role may follow, in two rows: the daily work,
 * then the pages that set the desk up. The current link is the page shown
 * (the inbox for a ticket, "mailboxes" for home).
 */
export function navigationLinks(
  pathname: string,
  role: RoleName,
  t: Messages,
): { work: NavLink[]; administration: NavLink[] } {
  const onPage = pageOf(pathname, role) !== undefined;
  const link = (href: string, label: string, minimum: RoleName): NavLink => ({
    href,
    label,
    minimum,
    current: pathname === href,
  });
  const allowed = (links: NavLink[]) => links.filter((l) => mayOpen(role, l.minimum));
  return {
    work: allowed([
      {
        ...link('/inbox', t.navInbox, 'agent'),
        current: pathname === '/inbox' || pathname.startsWith('/tickets/'),
      },
      { ...link('/', t.navMailboxes, 'viewer'), current: !onPage },
      link(reportsPath, t.navReports, 'viewer'),
      link(directoryPath, t.navDirectory, 'agent'),
      link(profilePath, t.navProfile, 'viewer'),
    ]),
    administration: allowed([
      link('/saved-replies', t.navSavedReplies, 'supervisor'),
      link(helpCentrePath, t.navHelpCentre, 'supervisor'),
      link(usersPath, t.navUsers, 'supervisor'),
      link(auditPath, t.navAudit, 'supervisor'),
      link(targetsPath, t.navTargets, 'supervisor'),
      link(privacyPath, t.navPrivacy, 'admin'),
    ]),
  };
}
