/**
 * A mailbox's stored IMAP settings → the account imap-sync connects with
 * (password decrypted with MAIL_CREDENTIALS_KEY). The settings themselves are
 * kept by domain/mailboxes/mail-settings.ts; connecting is the mail channel's.
 */
import type { MailSettingsRow } from '../../domain/mailboxes/mailbox-mail.ts';
import { AppError } from '../../errors/app-error.ts';
import { decryptSecret } from '../../storage/credentials.ts';
import type { ImapAccount } from './imap-sync.ts';

/** The IMAP account of enabled settings, password decrypted; null when IMAP is off or incomplete. */
export function imapAccountOf(row: MailSettingsRow, key: Buffer | undefined): ImapAccount | null {
  if (!row.imap_enabled || !row.imap_host || !row.imap_user || !row.imap_password_enc) return null;
  if (!key)
    throw new AppError(
      'configuration',
      'MAIL_CREDENTIALS_KEY is needed to read the IMAP password.',
    );
  return {
    host: row.imap_host,
    port: row.imap_port ?? (row.imap_tls ? 993 : 143),
    secure: row.imap_tls,
    user: row.imap_user,
    pass: decryptSecret(key, row.imap_password_enc),
    folder: row.imap_folder,
  };
}
