/**
 * Notices to administrators through the outbox (issue 21 §3: a webhook switched
 * off after repeated failures), inside the caller's transaction. A notice row
 * holds its subject and text (migration 0049); it is sent as the system sender
 * (the mailbox account mail uses) and composed by mail/outbound/account-mail.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { systemSenderMailbox } from '../users/enqueue-account-mail.ts';

export type Notice = {
  fr: { subject: string; text: string };
  en: { subject: string; text: string };
};

/** Queues `notice` to every enabled administrator, each in their language; returns how many. */
export async function enqueueAdminNotice(db: Kysely<DB>, notice: Notice): Promise<number> {
  const admins = await db
    .selectFrom('users')
    .select(['email', 'language'])
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .execute();
  if (admins.length === 0) return 0;
  const mailboxId = await systemSenderMailbox(db);
  await db
    .insertInto('outbox')
    .values(
      admins.map((admin) => ({
        mailbox_id: mailboxId,
        ticket_id: null,
        kind: 'notice' as const,
        rfc_message_id: `<n.${randomBytes(9).toString('hex')}@guichet.invalid>`,
        to_address: admin.email,
        notice_subject: notice[admin.language].subject,
        notice_text: notice[admin.language].text,
      })),
    )
    .execute();
  return admins.length;
}
