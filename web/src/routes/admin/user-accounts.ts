/**
 * What the users page decides about an account, apart from how it looks:
 * which roles one may give, which accounts one may change, an account's
 * status, its mailboxes in words, and the invitation it sends. Pure: no
 * React, no DOM.
 */
import type { InviteUserRequest, Language, RoleName, UserListDto } from '@shared/contracts.ts';
import { isApiError } from '../../api/client.ts';
import type { MailboxChoiceValue } from './mailbox-choice.ts';

export type ListedUser = UserListDto['users'][number];

/** The roles from the least to the most powerful (the order of the role selects). */
export const roleOrder: RoleName[] = ['viewer', 'agent', 'supervisor', 'admin'];

/** The roles one may give: only an administrator makes administrators. */
export function assignableRoles(isAdmin: boolean): RoleName[] {
  return isAdmin ? roleOrder : roleOrder.filter((r) => r !== 'admin');
}

/** Agents and viewers see chosen mailboxes; supervisors and administrators see every one. */
export function hasMailboxScope(role: RoleName): boolean {
  return role === 'agent' || role === 'viewer';
}

/** An administrator's account is read-only to a supervisor. */
export function isLocked(user: Pick<ListedUser, 'role'>, isAdmin: boolean): boolean {
  return user.role === 'admin' && !isAdmin;
}

/** Whether the disable / resend buttons show: never on a locked account, nor on one's own. */
export function canActOn(
  user: Pick<ListedUser, 'id' | 'role'>,
  viewer: { isAdmin: boolean; selfId: string },
): boolean {
  return !isLocked(user, viewer.isAdmin) && user.id !== viewer.selfId;
}

/** An invitation may be sent again while it waits, unless the account is disabled. */
export function canResend(user: Pick<ListedUser, 'invitationPending' | 'disabled'>): boolean {
  return user.invitationPending && !user.disabled;
}

export type AccountStatus = 'disabled' | 'invited' | 'active';

/** A disabled account is disabled even while its invitation waits. */
export function accountStatus(user: Pick<ListedUser, 'disabled' | 'invitationPending'>) {
  const status: AccountStatus = user.disabled
    ? 'disabled'
    : user.invitationPending
      ? 'invited'
      : 'active';
  return status;
}

/** The status badge's colour. */
export const statusColors = {
  disabled: 'gray',
  invited: 'yellow',
  active: 'green',
} as const satisfies Record<AccountStatus, string>;

/**
 * The mailboxes an account sees, for its row: 'all' (every one, also for the
 * roles without a scope) or their names, an unknown id shown as it is.
 */
export function visibleMailboxes(
  user: Pick<ListedUser, 'role' | 'mailboxes'>,
  names: ReadonlyMap<string, string>,
): 'all' | string[] {
  if (!hasMailboxScope(user.role) || user.mailboxes === 'all') return 'all';
  return user.mailboxes.map((id) => names.get(id) ?? id);
}

export type InviteForm = {
  email: string;
  name: string;
  role: RoleName;
  scope: MailboxChoiceValue;
};

/** The invitation for the form: trimmed, in the inviter's language, a scope only where it applies. */
export function inviteRequest(form: InviteForm, language: Language): InviteUserRequest {
  return {
    email: form.email.trim(),
    name: form.name.trim(),
    role: form.role,
    language,
    mailboxes: hasMailboxScope(form.role) ? form.scope : 'all',
  };
}

/** The locale dates are written in: British English or French. */
export const dateLocale = (language: Language): string => (language === 'en' ? 'en-GB' : 'fr-FR');

/** A last login as a short date and time, or `never`. */
export function lastLoginText(
  iso: string | null,
  format: Pick<Intl.DateTimeFormat, 'format'>,
  never: string,
): string {
  return iso ? format.format(new Date(iso)) : never;
}

/** A failed change in words: the server's message when it sent one. */
export function failureText(error: unknown, failed: (message: string) => string): string {
  return failed(isApiError(error) ? error.message : String(error));
}
