/**
 * Which mailboxes a user sees (issues 6 and 8). Supervisors and admins see every
 * mailbox; an agent or viewer sees every mailbox unless `all_mailboxes` is off,
 * then only those listed in `user_mailboxes`. Whatever returns ticket data
 * (lists, search, a ticket, its attachments, reports, exports) filters by this,
 * and a ticket of a mailbox the user may not see is answered as not found.
 */
import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import { hasRole } from './roles.ts';

/** `'all'`, or the ids of the mailboxes the user may see (possibly none). */
export type MailboxScope = 'all' | readonly string[];

type ScopedUser = Pick<UserRow, 'id' | 'role' | 'all_mailboxes'>;

export async function mailboxScopeOf(db: Kysely<DB>, user: ScopedUser): Promise<MailboxScope> {
  if (hasRole(user.role, 'supervisor') || user.all_mailboxes) return 'all';
  const rows = await db
    .selectFrom('user_mailboxes')
    .select('mailbox_id')
    .where('user_id', '=', user.id)
    .execute();
  return rows.map((row) => row.mailbox_id);
}

export function scopeAllows(scope: MailboxScope, mailboxId: string): boolean {
  return scope === 'all' || scope.includes(mailboxId);
}

/**
 * Throws not_found (never forbidden: the ticket's existence is not revealed)
 * unless the user may see the ticket's mailbox. Returns the mailbox id.
 */
export async function assertTicketVisible(
  db: Kysely<DB>,
  user: ScopedUser,
  ticketId: number,
): Promise<string> {
  const ticket = await db
    .selectFrom('tickets')
    .select('mailbox_id')
    .where('id', '=', ticketId)
    .executeTakeFirst();
  if (!ticket) throw new AppError('not_found', 'No such ticket.');
  const scope = await mailboxScopeOf(db, user);
  if (!scopeAllows(scope, ticket.mailbox_id)) throw new AppError('not_found', 'No such ticket.');
  return ticket.mailbox_id;
}

/**
 * The many-ticket form of `assertTicketVisible`: throws not_found unless every one
 * of `ticketIds` exists and lies in a mailbox the user may see. Returns them, once each.
 */
export async function assertTicketsVisible(
  db: Kysely<DB>,
  user: ScopedUser,
  ticketIds: readonly number[],
): Promise<number[]> {
  const wanted = [...new Set(ticketIds)];
  if (wanted.length === 0) return [];
  const [rows, scope] = await Promise.all([
    db.selectFrom('tickets').select(['id', 'mailbox_id']).where('id', 'in', wanted).execute(),
    mailboxScopeOf(db, user),
  ]);
  if (rows.filter((t) => scopeAllows(scope, t.mailbox_id)).length < wanted.length)
    throw new AppError('not_found', 'No such ticket.');
  return wanted;
}

/** Restricts a requested list of mailboxes (none = every visible one) to the visible ones. */
export function restrictToScope(
  scope: MailboxScope,
  requested: readonly string[] | undefined,
): 'all' | string[] {
  if (scope === 'all') return requested && requested.length > 0 ? [...requested] : 'all';
  if (!requested || requested.length === 0) return [...scope];
  return requested.filter((id) => scope.includes(id));
}

/** Sets which mailboxes an agent or viewer sees (`'all'` or a list). */
export async function setMailboxScope(
  db: Kysely<DB>,
  userId: string,
  scope: 'all' | readonly string[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ all_mailboxes: scope === 'all', updated_at: new Date() })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('user_mailboxes').where('user_id', '=', userId).execute();
    if (scope !== 'all' && scope.length > 0) {
      await trx
        .insertInto('user_mailboxes')
        .values(scope.map((mailboxId) => ({ user_id: userId, mailbox_id: mailboxId })))
        .execute();
    }
  });
}
