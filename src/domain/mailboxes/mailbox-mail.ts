/**
 * What the mail code needs to know about a mailbox: its addresses (the
 * primary one is the From and Reply-To of replies, every one routes inbound
 * mail) and its mail settings, with defaults when none were saved.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, MailboxMailSettingsTable } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';

export type MailSettingsRow = Selectable<MailboxMailSettingsTable>;

export type MailboxMail = {
  id: string;
  name: string;
  /** The primary address, or the first one; null when the mailbox has none. */
  address: string | null;
  addresses: string[];
  settings: MailSettingsRow;
};

/** Settings of a mailbox that never saved any. */
export const defaultMailSettings = (mailboxId: string): MailSettingsRow => ({
  mailbox_id: mailboxId,
  imap_enabled: false,
  imap_host: null,
  imap_port: null,
  imap_tls: true,
  imap_user: null,
  imap_password_enc: null,
  imap_folder: 'INBOX',
  smtp_host: null,
  smtp_port: null,
  smtp_tls: false,
  smtp_user: null,
  smtp_password_enc: null,
  signature: null,
  ack_enabled: false,
  ack_subject: null,
  ack_body: null,
  reopen_days: 7,
  updated_at: new Date(0),
});

/** Loads a mailbox's mail identity and settings; AppError('not_found') when it does not exist. */
export async function loadMailboxMail(db: Kysely<DB>, mailboxId: string): Promise<MailboxMail> {
  const [mailbox, addresses, settings] = await Promise.all([
    db
      .selectFrom('mailboxes')
      .select(['id', 'name'])
      .where('id', '=', mailboxId)
      .executeTakeFirst(),
    db
      .selectFrom('mailbox_addresses')
      .select(['address', 'is_primary'])
      .where('mailbox_id', '=', mailboxId)
      .orderBy('is_primary', 'desc')
      .orderBy('address')
      .execute(),
    db
      .selectFrom('mailbox_mail_settings')
      .selectAll()
      .where('mailbox_id', '=', mailboxId)
      .executeTakeFirst(),
  ]);
  if (!mailbox) throw new AppError('not_found', 'No such mailbox.');
  return {
    id: mailbox.id,
    name: mailbox.name,
    address: addresses[0]?.address ?? null,
    addresses: addresses.map((a) => a.address),
    settings: settings ?? defaultMailSettings(mailboxId),
  };
}

/** The mailboxes a list of recipient addresses routes to (unknown addresses are ignored). */
export async function routeRecipients(db: Kysely<DB>, recipients: string[]): Promise<string[]> {
  const wanted = [...new Set(recipients.map((r) => r.trim().toLowerCase()))];
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('mailbox_addresses')
    .innerJoin('mailboxes', 'mailboxes.id', 'mailbox_addresses.mailbox_id')
    .select('mailbox_addresses.mailbox_id')
    .where('mailbox_addresses.address', 'in', wanted)
    .where('mailboxes.archived_at', 'is', null)
    .execute();
  return [...new Set(rows.map((r) => r.mailbox_id))];
}

/** The domain of an address (`a@b.fr` → `b.fr`), lowercased; null without one. */
export function domainOf(address: string | null | undefined): string | null {
  const at = address?.lastIndexOf('@') ?? -1;
  if (!address || at < 0) return null;
  return address.slice(at + 1).toLowerCase() || null;
}
