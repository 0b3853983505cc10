/**
 * The signed-in app's pages as a table: the paths, who may open each page
 * (the least role), where each role lands, what an unknown or forbidden path
 * shows, the window's title, and the side navigation's links in their two
 * groups. Pure: app-shell.tsx renders the page this table picks.
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
/** The set-up pages (issue 15 §1): the checklist, a mailbox's mail, fields and values. */
export const setupPath = '/setup';
export const mailSettingsPath = '/mail-settings';
export const fieldsPath = '/fields';
export const inboxPath = '/inbox';
/** The mailboxes and their fields (the former home page; supervisors also import there). */
export const mailboxesPath = '/mailboxes';
/** The administrator's first-run checklist (issue 15 §1, its own page). */
export const checklistPath = setupPath;
export const targetsPath = '/targets';
/** Known incidents (issue 20 §2). */
export const incidentsPath = '/incidents';
/** Webhooks (issue 21 §3), for administrators. */
export const webhooksPath = '/webhooks';
/** Issue 19: automation rules (supervisors) and macros (agents). */
export const rulesPath = '/rules';
export const macrosPath = '/macros';
/** The dashboard of today (issue 18 §5): supervisors' home, a page for agents too. */
export const dashboardPath = '/dashboard';
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
  | 'setup'
  | 'mailSettings'
  | 'fields'
  | 'mailboxes'
  | 'targets'
  | 'incidents'
  | 'webhooks'
  | 'rules'
  | 'macros'
  | 'dashboard';

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
  { key: 'setup', matches: at(setupPath), minimum: 'supervisor', title: (t) => t.navSetup },
  {
    key: 'mailSettings',
    matches: at(mailSettingsPath),
    minimum: 'supervisor',
    title: (t) => t.navMailSettings,
  },
  { key: 'fields', matches: at(fieldsPath), minimum: 'supervisor', title: (t) => t.navFields },
  { key: 'mailboxes', matches: at(mailboxesPath), minimum: 'viewer', title: (t) => t.navMailboxes },
  { key: 'targets', matches: at(targetsPath), minimum: 'supervisor', title: (t) => t.navTargets },
  { key: 'incidents', matches: at(incidentsPath), minimum: 'agent', title: (t) => t.navIncidents },
  { key: 'webhooks', matches: at(webhooksPath), minimum: 'admin', title: (t) => t.navWebhooks },
  { key: 'rules', matches: at(rulesPath), minimum: 'supervisor', title: (t) => t.navRules },
  { key: 'macros', matches: at(macrosPath), minimum: 'agent', title: (t) => t.navMacros },
  { key: 'dashboard', matches: at(dashboardPath), minimum: 'agent', title: (t) => t.navDashboard },
];

/** The page at a path that this role may open; none when unknown or not allowed. */
export function pageOf(pathname: string, role: RoleName): PageRoute | undefined {
  return pageRoutes.find((page) => page.matches(pathname) && mayOpen(role, page.minimum));
}

/**
 * What a path shows this role: `/` sends to the role's landing page, a page the
 * role may open is shown, a known page above the role says "access refused",
 * anything else is "page not found".
 */
export type Resolved =
  | { kind: 'landing' }
  | { kind: 'page'; page: PageRoute }
  | { kind: 'forbidden'; page: PageRoute }
  | { kind: 'notFound' };

export function resolvePath(pathname: string, role: RoleName): Resolved {
  if (pathname === '/') return { kind: 'landing' };
  const page = pageRoutes.find((p) => p.matches(pathname));
  if (!page) return { kind: 'notFound' };
  return mayOpen(role, page.minimum) ? { kind: 'page', page } : { kind: 'forbidden', page };
}

/**
 * Where each role lands after login (`/`): agents their tickets, supervisors the
 * dashboard of today (issue 18 §5) — viewers, who have no tickets, their reports;
 * an administrator the set-up checklist until it is done, then the dashboard.
 */
export function landingPath(role: RoleName, checklistDone: boolean): string {
  if (role === 'admin' && !checklistDone) return checklistPath;
  if (mayOpen(role, 'supervisor')) return dashboardPath;
  return mayOpen(role, 'agent') ? inboxPath : reportsPath;
}

/** The window's title for a page (none: the app's name), or null when the page sets it. */
export function windowTitle(page: PageRoute | undefined, t: Messages): string | null {
  if (page?.ownTitle) return null;
  const name = page?.title?.(t);
  return name ? `${name} — ${t.appName}` : t.appName;
}

export type NavLink = { href: string; label: string; minimum: RoleName; current: boolean };

/**
 * The side navigation's links that this role may follow, in two groups: the
 * daily work, then the pages that set the desk up (the tickets have their own
 * mailbox and folder links above them). The current link is the page shown.
 */
export function navigationLinks(
  pathname: string,
  role: RoleName,
  t: Messages,
): { work: NavLink[]; administration: NavLink[] } {
  const link = (href: string, label: string, minimum: RoleName): NavLink => ({
    href,
    label,
    minimum,
    current: pathname === href,
  });
  const allowed = (links: NavLink[]) => links.filter((l) => mayOpen(role, l.minimum));
  return {
    work: allowed([
      link(dashboardPath, t.navDashboard, 'agent'),
      link(reportsPath, t.navReports, 'viewer'),
      link(directoryPath, t.navDirectory, 'agent'),
      link(incidentsPath, t.navIncidents, 'agent'),
      link(macrosPath, t.navMacros, 'agent'),
      link(mailboxesPath, t.navMailboxes, 'viewer'),
      link(profilePath, t.navProfile, 'viewer'),
    ]),
    administration: allowed([
      link('/saved-replies', t.navSavedReplies, 'supervisor'),
      link(helpCentrePath, t.navHelpCentre, 'supervisor'),
      link(usersPath, t.navUsers, 'supervisor'),
      link(auditPath, t.navAudit, 'supervisor'),
      link(setupPath, t.navSetup, 'supervisor'),
      link(mailSettingsPath, t.navMailSettings, 'supervisor'),
      link(fieldsPath, t.navFields, 'supervisor'),
      link(targetsPath, t.navTargets, 'supervisor'),
      link(webhooksPath, t.navWebhooks, 'admin'),
      link(rulesPath, t.navRules, 'supervisor'),
      link(privacyPath, t.navPrivacy, 'admin'),
    ]),
  };
}
