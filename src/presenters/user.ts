import type { UserRow } from '../db/schema.ts';
import type { UserDto } from '../shared/contracts.ts';

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
