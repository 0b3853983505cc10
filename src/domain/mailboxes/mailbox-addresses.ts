/**
 * A mailbox's addresses, set in the app (issue 15 §1): add one (the first
 * becomes the primary: the From and Reply-To of replies), make another the
 * primary, remove one. Every address routes inbound mail to its mailbox, so an
 * address belongs to one mailbox only. Each change is audited.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { loadMailboxMail } from './mailbox-mail.ts';

export type MailboxAddresses = { mailboxId: string; addresses: string[]; primary: string | null };

/** The addresses of a mailbox, the primary first; not_found for an unknown mailbox. */
export async function mailboxAddresses(
  db: Kysely<DB>,
  mailboxId: string,
): Promise<MailboxAddresses> {
  const mail = await loadMailboxMail(db, mailboxId);
  const primary = await db
    .selectFrom('mailbox_addresses')
    .select('address')
    .where('mailbox_id', '=', mailboxId)
    .where('is_primary', '=', true)
    .executeTakeFirst();
  return { mailboxId, addresses: mail.addresses, primary: primary?.address ?? null };
}

const audit = (db: Kysely<DB>, actor: Actor, action: string, mailboxId: string, address: string) =>
  recordAudit(db, {
    action,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    ip: actor.ip ?? null,
    targetType: 'mailbox',
    targetId: mailboxId,
    details: { address },
  });

async function demote(db: Kysely<DB>, mailboxId: string): Promise<void> {
  await db
    .updateTable('mailbox_addresses')
    .set({ is_primary: false })
    .where('mailbox_id', '=', mailboxId)
    .execute();
}

/** Adds `address` (lowercase, checked by the contract); conflict when any mailbox has it. */
export async function addMailboxAddress(
  db: Kysely<DB>,
  options: { mailboxId: string; address: string; primary: boolean; actor: Actor },
): Promise<MailboxAddresses> {
  const { mailboxId, address } = options;
  await db.transaction().execute(async (trx) => {
    const mail = await loadMailboxMail(trx, mailboxId);
    const primary = options.primary || mail.addresses.length === 0;
    if (primary) await demote(trx, mailboxId);
    const added = await trx
      .insertInto('mailbox_addresses')
      .values({ address, mailbox_id: mailboxId, is_primary: primary })
      .onConflict((oc) => oc.column('address').doNothing())
      .returning('address')
      .executeTakeFirst();
    if (!added)
      throw new AppError('conflict', `The address ${address} already belongs to a mailbox.`, {
        reason: 'address_taken',
      });
    await audit(trx, options.actor, 'mailbox.address_added', mailboxId, address);
  });
  return mailboxAddresses(db, mailboxId);
}

async function ownAddress(db: Kysely<DB>, mailboxId: string, address: string) {
  const row = await db
    .selectFrom('mailbox_addresses')
    .select(['address', 'is_primary'])
    .where('mailbox_id', '=', mailboxId)
    .where('address', '=', address)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'This mailbox has no such address.');
  return row;
}

/** Makes one of the mailbox's addresses its primary one. */
export async function setPrimaryAddress(
  db: Kysely<DB>,
  options: { mailboxId: string; address: string; actor: Actor },
): Promise<MailboxAddresses> {
  const { mailboxId, address } = options;
  await db.transaction().execute(async (trx) => {
    await loadMailboxMail(trx, mailboxId);
    await ownAddress(trx, mailboxId, address);
    await demote(trx, mailboxId);
    await trx
      .updateTable('mailbox_addresses')
      .set({ is_primary: true })
      .where('address', '=', address)
      .execute();
    await audit(trx, options.actor, 'mailbox.address_primary', mailboxId, address);
  });
  return mailboxAddresses(db, mailboxId);
}

/** Removes an address; the next one (alphabetically) becomes primary if it was. */
export async function removeMailboxAddress(
  db: Kysely<DB>,
  options: { mailboxId: string; address: string; actor: Actor },
): Promise<MailboxAddresses> {
  const { mailboxId, address } = options;
  await db.transaction().execute(async (trx) => {
    await loadMailboxMail(trx, mailboxId);
    const row = await ownAddress(trx, mailboxId, address);
    await trx.deleteFrom('mailbox_addresses').where('address', '=', address).execute();
    if (row.is_primary) {
      const next = await trx
        .selectFrom('mailbox_addresses')
        .select('address')
        .where('mailbox_id', '=', mailboxId)
        .orderBy('address')
        .executeTakeFirst();
      if (next)
        await trx
          .updateTable('mailbox_addresses')
          .set({ is_primary: true })
          .where('address', '=', next.address)
          .execute();
    }
    await audit(trx, options.actor, 'mailbox.address_removed', mailboxId, address);
  });
  return mailboxAddresses(db, mailboxId);
}
