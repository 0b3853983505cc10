/**
 * Who may do what. Roles are ordered: each role may do everything the roles
 * below it may (SPEC §1): admin > supervisor > agent > viewer.
 */
import type { RoleName } from '../shared/contracts.ts';

const rank: Record<RoleName, number> = { viewer: 0, agent: 1, supervisor: 2, admin: 3 };

/** Whether `role` is at least `minimum`. */
export function hasRole(role: RoleName, minimum: RoleName): boolean {
  return rank[role] >= rank[minimum];
}
