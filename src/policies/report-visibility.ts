/**
 * Reports under the mailbox scope (issue 8 §5): an agent or viewer restricted
 * to some mailboxes gets the reports of those only. Asking for a mailbox they
 * may not see answers 404 (as for a ticket: existence is not revealed);
 * asking for none means "the ones I see". Published reports cover every
 * mailbox, so they are for users who see every mailbox.
 */
import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import { mailboxScopeOf } from './mailbox-access.ts';

type ScopedUser = Pick<UserRow, 'id' | 'role' | 'all_mailboxes'>;

/** The mailbox slugs a report of `user` may cover, or 'all'. */
export async function visibleMailboxSlugs(
  db: Kysely<DB>,
  user: ScopedUser,
): Promise<'all' | string[]> {
  const scope = await mailboxScopeOf(db, user);
  if (scope === 'all') return 'all';
  if (scope.length === 0) return [];
  const rows = await db
    .selectFrom('mailboxes')
    .select('slug')
    .where('id', 'in', [...scope])
    .execute();
  return rows.map((r) => r.slug);
}

/**
 * The mailboxes (slugs) a report request of `user` covers: the requested ones
 * when all are visible, else not_found; every visible one when none is asked.
 * `undefined` = no restriction (every mailbox).
 */
export async function reportMailboxesFor(
  db: Kysely<DB>,
  user: ScopedUser,
  requested: readonly string[] | undefined,
): Promise<string[] | undefined> {
  const visible = await visibleMailboxSlugs(db, user);
  if (visible === 'all') return requested && requested.length > 0 ? [...requested] : undefined;
  if (requested && requested.length > 0) {
    if (requested.some((slug) => !visible.includes(slug)))
      throw new AppError('not_found', 'No such mailbox.');
    return [...requested];
  }
  if (visible.length === 0) throw new AppError('not_found', 'No mailbox to report on.');
  return visible;
}
