/** A mailbox's mail settings and the dead letters → API JSON; passwords never leave the server. */
import type { Selectable } from 'kysely';
import type { MailboxMailSettingsTable } from '../db/schema.ts';
import type { DeadLetterDto, MailSettingsDto } from '../shared/mail-contracts.ts';

/** The settings as stored (or their defaults), without passwords: only whether one is set. */
export function presentMailSettings(row: Selectable<MailboxMailSettingsTable>): MailSettingsDto {
  return {
    mailboxId: row.mailbox_id,
    imapEnabled: row.imap_enabled,
    imapHost: row.imap_host,
    imapPort: row.imap_port,
    imapTls: row.imap_tls,
    imapUser: row.imap_user,
    hasImapPassword: row.imap_password_enc !== null,
    imapFolder: row.imap_folder,
    smtpHost: row.smtp_host,
    smtpPort: row.smtp_port,
    smtpTls: row.smtp_tls,
    smtpUser: row.smtp_user,
    hasSmtpPassword: row.smtp_password_enc !== null,
    signature: row.signature,
    ackEnabled: row.ack_enabled,
    ackSubject: row.ack_subject,
    ackBody: row.ack_body,
    reopenDays: row.reopen_days,
  };
}

/** A mail that could not be processed (its raw text is never shown, only its digest's record). */
export const presentDeadLetter = (d: {
  id: number;
  mailboxId: string | null;
  source: DeadLetterDto['source'];
  reason: string;
  attempts: number;
  receivedAt: Date;
}): DeadLetterDto => ({
  id: d.id,
  mailboxId: d.mailboxId,
  source: d.source,
  reason: d.reason,
  attempts: d.attempts,
  receivedAt: d.receivedAt.toISOString(),
});
