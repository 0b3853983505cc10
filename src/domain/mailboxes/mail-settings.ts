/**
 * A mailbox's mail settings (issue 5 §9): IMAP and SMTP accounts, signature,
 * acknowledgement and reopening delay. Passwords are encrypted with
 * MAIL_CREDENTIALS_KEY before they are stored and never returned.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { MailSettingsDto, MailSettingsInput } from '../../shared/mail-contracts.ts';
import { encryptSecret } from '../../storage/credentials.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { loadMailboxMail, type MailSettingsRow } from './mailbox-mail.ts';

/** Row → DTO, without passwords. */
export function presentMailSettings(row: MailSettingsRow): MailSettingsDto {
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

function encrypt(
  key: Buffer | undefined,
  value: string | null | undefined,
): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (!key)
    throw new AppError('configuration', 'Set MAIL_CREDENTIALS_KEY before saving a mail password.');
  return encryptSecret(key, value);
}

/** Saves the given settings (others unchanged); returns the new settings. */
export async function saveMailSettings(
  db: Kysely<DB>,
  options: { mailboxId: string; input: MailSettingsInput; key: Buffer | undefined; actor: Actor },
): Promise<MailSettingsDto> {
  const { input, mailboxId } = options;
  const values = {
    imap_enabled: input.imapEnabled,
    imap_host: input.imapHost,
    imap_port: input.imapPort,
    imap_tls: input.imapTls,
    imap_user: input.imapUser,
    imap_password_enc: encrypt(options.key, input.imapPassword),
    imap_folder: input.imapFolder,
    smtp_host: input.smtpHost,
    smtp_port: input.smtpPort,
    smtp_tls: input.smtpTls,
    smtp_user: input.smtpUser,
    smtp_password_enc: encrypt(options.key, input.smtpPassword),
    signature: input.signature,
    ack_enabled: input.ackEnabled,
    ack_subject: input.ackSubject,
    ack_body: input.ackBody,
    reopen_days: input.reopenDays,
  };
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  await db.transaction().execute(async (trx) => {
    await loadMailboxMail(trx, mailboxId); // not_found for an unknown mailbox
    await trx
      .insertInto('mailbox_mail_settings')
      .values({ mailbox_id: mailboxId, ...defined })
      .onConflict((oc) =>
        oc.column('mailbox_id').doUpdateSet({ ...defined, updated_at: new Date() }),
      )
      .execute();
    await recordAudit(trx, {
      action: 'mailbox.mail_settings.update',
      actorUserId: options.actor.userId,
      actorLabel: options.actor.label,
      ip: options.actor.ip ?? null,
      targetType: 'mailbox',
      targetId: mailboxId,
      details: { fields: Object.keys(input) },
    });
  });
  return presentMailSettings((await loadMailboxMail(db, mailboxId)).settings);
}

/** The mail settings of a mailbox as the API shows them; not_found for an unknown mailbox. */
export async function getMailSettingsDto(
  db: Kysely<DB>,
  mailboxId: string,
): Promise<MailSettingsDto> {
  return presentMailSettings((await loadMailboxMail(db, mailboxId)).settings);
}
