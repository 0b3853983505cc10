/**
 * Notifications by e-mail (issue 18 §4), through the outbox: a notification
 * wanted by mail waits as `mail = 'pending'`; for a user who chose "at once"
 * each becomes a mail of its own, for one who chose a digest every N minutes
 * they all leave in one mail once the oldest has waited N minutes. The outbox
 * row (kind `notification`, its user in `notify_user_id`) and the marks of
 * its notifications (`queued`, `outbox_id`) are written in one transaction
 * over rows claimed with SKIP LOCKED: nothing is queued twice, whatever the
 * number of instances. mail/outbound/notification-mail.ts writes the bytes.
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { systemSenderMailbox } from '../users/enqueue-account-mail.ts';
import { preferencesOf } from './preferences.ts';

type Pending = { id: number; user_id: string; created_at: Date; email: string };

/** Queues the mail due now; returns the number of outbox rows written. */
export async function queueNotificationMail(
  db: Kysely<DB>,
  now: Date = new Date(),
  limit = 1000,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<Pending>`
      select n.id, n.user_id, n.created_at, u.email from notifications n
      join users u on u.id = n.user_id and u.disabled_at is null
      where n.mail = 'pending' order by n.id limit ${limit}
      for update of n skip locked`.execute(trx);
    if (rows.length === 0) return 0;
    const byUser = new Map<string, Pending[]>();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
    const preferences = await preferencesOf(trx, [...byUser.keys()]);
    const mailboxId = await systemSenderMailbox(trx);
    let queued = 0;
    for (const [userId, pending] of byUser) {
      const choice = preferences.get(userId);
      let groups: Pending[][];
      if (choice?.mailMode === 'digest') {
        const oldest = Math.min(...pending.map((p) => new Date(p.created_at).getTime()));
        groups = oldest <= now.getTime() - choice.digestMinutes * 60_000 ? [pending] : [];
      } else groups = pending.map((p) => [p]);
      for (const group of groups) {
        const first = group[0];
        if (!first) continue;
        const outbox = await trx
          .insertInto('outbox')
          .values({
            mailbox_id: mailboxId,
            ticket_id: null,
            kind: 'notification',
            notify_user_id: userId,
            rfc_message_id: `<n.${first.id}.${randomBytes(6).toString('hex')}@guichet.invalid>`,
            to_address: first.email,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('notifications')
          .set({ mail: 'queued', outbox_id: outbox.id })
          .where(
            'id',
            'in',
            group.map((p) => p.id),
          )
          .execute();
        queued += 1;
      }
    }
    return queued;
  });
}
