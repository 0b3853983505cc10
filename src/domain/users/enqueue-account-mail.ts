/**
 * Queues account mail (invitations, password resets) in the outbox, inside
 * the caller's transaction; mail/outbound/account-mail.ts writes its bytes at
 * send time.
 *
 * The system sender is the first open mailbox (by position), preferring one
 * with an address. The row holds the token's id, never the token: the link is
 * rebuilt from the token row when the mail is composed.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { accountMailCanLeave, type InstanceMail } from '../mailboxes/mail-health.ts';

/** The mailbox account mail is sent as; AppError('configuration') when there is none. */
export async function systemSenderMailbox(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('mailboxes as m')
    .leftJoin('mailbox_addresses as a', 'a.mailbox_id', 'm.id')
    .select('m.id')
    .where('m.archived_at', 'is', null)
    .orderBy((eb) => eb('a.address', 'is', null))
    .orderBy('m.position')
    .orderBy('m.slug')
    .executeTakeFirst();
  if (!row) throw new AppError('configuration', 'Account mail needs at least one open mailbox.');
  return row.id;
}

/** Queues the mail of account token `tokenId` to `to` (inside the caller's transaction). */
export async function enqueueAccountMail(
  db: Kysely<DB>,
  options: { tokenId: number; to: string },
): Promise<void> {
  const mailboxId = await systemSenderMailbox(db);
  await db
    .insertInto('outbox')
    .values({
      mailbox_id: mailboxId,
      ticket_id: null,
      kind: 'account',
      account_token_id: options.tokenId,
      rfc_message_id: `<a.${options.tokenId}.${randomBytes(6).toString('hex')}@guichet.invalid>`,
      to_address: options.to,
    })
    .execute();
}

/**
 * Queues the mail and tells whether it can leave (its sender mailbox has an
 * SMTP server, or the instance relay is set: issue 15 §1). When it cannot,
 * the caller shows the link to pass on by hand; the queued mail leaves once
 * mail is set up, unless the link was used by then (it is then dropped).
 */
export async function enqueueAccountMailTellingIfItLeaves(
  db: Kysely<DB>,
  options: { tokenId: number; to: string; instance: InstanceMail },
): Promise<boolean> {
  await enqueueAccountMail(db, options);
  return accountMailCanLeave(db, await systemSenderMailbox(db), options.instance);
}
