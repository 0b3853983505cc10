/** The inbox's folder counts (issue 6 §1): open folders only, closed and spam are not counted. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MailboxScope } from '../../policies/mailbox-access.ts';
import { mailboxCondition } from './inbox-query.ts';

export type FolderCounts = { unassigned: number; mine: number; assigned: number; pending: number };

/** Live counts of the open folders, in the visible (or asked) mailboxes. */
export async function folderCounts(
  db: Kysely<DB>,
  user: { id: string },
  scope: MailboxScope,
  mailboxes: string[] | undefined,
): Promise<FolderCounts> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => [
      eb.fn
        .countAll<number>()
        .filterWhere('assignee_id', 'is', null)
        .filterWhere('status', '=', 'active')
        .as('unassigned'),
      eb.fn
        .countAll<number>()
        .filterWhere('assignee_id', '=', user.id)
        .filterWhere('status', '=', 'active')
        .as('mine'),
      eb.fn
        .countAll<number>()
        .filterWhere('assignee_id', 'is not', null)
        .filterWhere('status', '=', 'active')
        .as('assigned'),
      eb.fn.countAll<number>().filterWhere('status', '=', 'pending').as('pending'),
    ])
    .where((eb) => {
      const scoped = mailboxCondition(eb, scope, mailboxes);
      if (!scoped) return eb.lit(false);
      return eb.and([
        scoped,
        eb('deleted_at', 'is', null),
        eb('merged_into_id', 'is', null),
        eb('status', 'in', ['active', 'pending']),
      ]);
    })
    .executeTakeFirstOrThrow();
  return {
    unassigned: Number(row.unassigned),
    mine: Number(row.mine),
    assigned: Number(row.assigned),
    pending: Number(row.pending),
  };
}
