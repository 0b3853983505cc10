/**
 * What an API token may reach (issue 21 §1). Every `/api/` route has one scope,
 * derived once from its area and method (a route may declare its own in
 * `config.tokenScope`): reading tickets and what the inbox needs to show them
 * → `tickets:read`; changing them → `tickets:write`; reading reports and the dashboard →
 * `reports:read`; everything else the role allows (configuration, users,
 * directory, help centre, privacy, audit) → `admin`. `admin` covers every scope.
 * The routes of a person's own account and session (log in and out, second
 * factor, profile, token management, the live stream of a browser tab) are
 * `session`: never reachable with a token, so a leaked token cannot mint
 * others nor take over the account.
 */
import type { TokenScope } from '../shared/api-token-contracts.ts';
import type { RoleName } from '../shared/contracts.ts';
import { hasRole } from './roles.ts';

export type RouteTokenScope = TokenScope | 'session';

const sessionOnly = [
  '/api/auth/',
  '/api/account/',
  '/api/me/',
  '/api/tokens',
  '/api/admin/tokens',
  '/api/live',
];

/** Where tickets are read and written: GET → tickets:read, anything else → tickets:write. */
const ticketAreas = [
  '/api/inbox',
  '/api/tickets',
  '/api/messages/',
  '/api/calls',
  '/api/attachments/',
  '/api/field-values/',
  '/api/exports/tickets',
  '/api/incidents',
  '/api/conversations',
  '/api/partner/',
];

/** Reference data a ticket client needs to read (mailboxes, fields, organisations, saved replies, macros, addresses). */
const ticketReferenceReads = [
  '/api/mailboxes',
  '/api/organisations',
  '/api/saved-replies',
  '/api/macros',
  '/api/composer/',
];

const reading = (method: string) => method === 'GET' || method === 'HEAD';
const under = (url: string, prefixes: readonly string[]) =>
  prefixes.some((prefix) => url === prefix || url.startsWith(prefix));

/** The scope of route `url` (its pattern, `/api/tickets/:id`) for `method`, guarded at `minimum`. */
export function tokenScopeOf(method: string, url: string, minimum: RoleName): RouteTokenScope {
  if (under(url, sessionOnly)) return 'session';
  if (minimum === 'admin') return 'admin';
  if (url === '/api/reports' || url.startsWith('/api/reports/'))
    return reading(method) ? 'reports:read' : 'admin';
  if (url === '/api/dashboard') return reading(method) ? 'reports:read' : 'admin';
  // Applying a macro changes tickets; writing the macros themselves is configuration.
  if (url === '/api/macros/:id/apply') return 'tickets:write';
  if (under(url, ticketAreas)) return reading(method) ? 'tickets:read' : 'tickets:write';
  if (reading(method) && under(url, ticketReferenceReads) && !url.includes('/mail-settings'))
    return 'tickets:read';
  return 'admin';
}

/** Whether a token with `scopes` may call a route of scope `needed`. */
export function scopesAllow(scopes: readonly string[], needed: RouteTokenScope): boolean {
  if (needed === 'session') return false;
  return scopes.includes(needed) || scopes.includes('admin');
}

/** The least role under which a scope can do anything at all (a token is refused a useless scope). */
const scopeMinimum: Record<TokenScope, RoleName> = {
  'tickets:read': 'agent',
  'tickets:write': 'agent',
  'reports:read': 'viewer',
  admin: 'supervisor',
};

/** The scopes among `scopes` that `role` could never use. */
export function scopesBeyondRole(scopes: readonly TokenScope[], role: RoleName): TokenScope[] {
  return scopes.filter((scope) => !hasRole(role, scopeMinimum[scope]));
}
