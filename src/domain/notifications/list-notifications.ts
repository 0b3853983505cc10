/**
 * The bell's reading side (issue 18 §4): a user's notifications, newest
 * first, of the kinds they keep in the app, with the unread count; marking
 * some or all read. Only the user's own rows, of tickets they still see.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MailboxScope } from '../../policies/mailbox-access.ts';
import type { NotificationKind } from '../../shared/notification-contracts.ts';
import { preferencesOfUser } from './preferences.ts';

export type NotificationRow = {
  id: number;
  kind: NotificationKind;
  created_at: Date;
  read_at: Date | null;
  ticket_id: number;
  number: number;
  subject: string;
  data: Record<string, unknown>;
  actor_name: string | null;
};

const scopeSql = (scope: MailboxScope) =>
  scope === 'all'
    ? sql`true`
    : scope.length === 0
      ? sql`false`
      : sql`n.mailbox_id = any(${[...scope]}::uuid[])`;

export async function listNotifications(
  db: Kysely<DB>,
  user: { id: string },
  scope: MailboxScope,
  page: { before?: number; limit: number },
): Promise<{ rows: NotificationRow[]; unread: number }> {
  const { appKinds } = await preferencesOfUser(db, user.id);
  const before = page.before ?? Number.MAX_SAFE_INTEGER;
  const { rows } = await sql<NotificationRow>`
    select n.id, n.kind, n.created_at, n.read_at, n.ticket_id, t.number, t.subject, n.data,
      a.name as actor_name
    from notifications n
    join tickets t on t.id = n.ticket_id and t.deleted_at is null
    left join users a on a.id::text = n.data->>'by'
    where n.user_id = ${user.id} and n.id < ${before} and n.kind = any(${appKinds}::text[])
      and ${scopeSql(scope)}
    order by n.id desc limit ${page.limit}`.execute(db);
  const unread = await sql<{ count: string }>`
    select count(*) as count from notifications n
    where n.user_id = ${user.id} and n.read_at is null and n.kind = any(${appKinds}::text[])
      and ${scopeSql(scope)}`.execute(db);
  return { rows, unread: Number(unread.rows[0]?.count ?? 0) };
}

/** Marks these notifications of the user read (or all of them); returns how many changed. */
export async function markNotificationsRead(
  db: Kysely<DB>,
  userId: string,
  which: { ids: number[] } | { all: true },
  now = new Date(),
): Promise<number> {
  let query = db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if ('ids' in which) query = query.where('id', 'in', which.ids);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
