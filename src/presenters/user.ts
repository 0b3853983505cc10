import type { UserRow } from '../db/schema.ts';
import type { UserAccessRow } from '../domain/users/user-access.ts';
import type { UserDto, UserListDto } from '../shared/contracts.ts';

/** The only shape in which a user leaves the server: never the hash, never session data. */
export function presentUser(user: UserRow): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    language: user.language,
  };
}

/** A user as supervisors see them in the user list: with status and last login. */
export function presentUserListItem(user: UserAccessRow): UserListDto['users'][number] {
  return {
    ...presentUser(user),
    disabled: user.disabled_at !== null,
    lastLoginAt: user.last_login_at?.toISOString() ?? null,
    mailboxes: user.all_mailboxes ? 'all' : user.mailboxIds,
    secondFactor: user.secondFactor,
    invitationPending: user.invitationPending,
  };
}
