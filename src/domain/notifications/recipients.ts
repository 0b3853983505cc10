/**
 * Who may be told of a ticket (issue 18 §4): the enabled agents (and above)
 * and the mailboxes each sees. A desk has tens of them: read once per pass of
 * the notification consumer.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { hasRole } from '../../policies/roles.ts';

export type Colleague = { id: string; name: string; mailboxes: 'all' | Set<string> };
export type Colleagues = Map<string, Colleague>;

export async function loadColleagues(db: Kysely<DB> | Transaction<DB>): Promise<Colleagues> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'all_mailboxes'])
    .where('disabled_at', 'is', null)
    .where('role', '<>', 'viewer')
    .execute();
  const links = await db.selectFrom('user_mailboxes').select(['user_id', 'mailbox_id']).execute();
  const out: Colleagues = new Map();
  for (const user of users)
    out.set(user.id, {
      id: user.id,
      name: user.name,
      mailboxes: hasRole(user.role, 'supervisor') || user.all_mailboxes ? 'all' : new Set(),
    });
  for (const link of links) {
    const mailboxes = out.get(link.user_id)?.mailboxes;
    if (mailboxes instanceof Set) mailboxes.add(link.mailbox_id);
  }
  return out;
}

/** Whether this colleague sees tickets of `mailboxId`. */
export const sees = (colleague: Colleague | undefined, mailboxId: string): boolean =>
  colleague !== undefined && (colleague.mailboxes === 'all' || colleague.mailboxes.has(mailboxId));
