/**
 * A mailbox's mail settings (issue 5 §9): IMAP and SMTP accounts, signature,
 * acknowledgement and reopening delay. Passwords are encrypted with
 * MAIL_CREDENTIALS_KEY before they are stored and never returned.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { decryptSecret, encryptSecret } from '../../mail/credentials.ts';
import {
  assertMailHostAllowed,
  type MailHostAllowance,
  noMailHostAllowance,
} from '../../mail/host-guard.ts';
import type { ImapAccount } from '../../mail/inbound/imap-sync.ts';
import { loadMailboxMail, type MailSettingsRow } from '../../mail/mailbox-mail.ts';
import type { MailSettingsDto, MailSettingsInput } from '../../shared/mail-contracts.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

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

/**
 * Saves the given settings (others unchanged); returns the new settings. An
 * IMAP or SMTP host that leads to a loopback, link-local, metadata or
 * unspecified address is refused (400) unless `allowance` lets it through.
 */
export async function saveMailSettings(
  db: Kysely<DB>,
  options: {
    mailboxId: string;
    input: MailSettingsInput;
    key: Buffer | undefined;
    actor: Actor;
    allowance?: MailHostAllowance;
  },
): Promise<MailSettingsDto> {
  const { input, mailboxId } = options;
  const allowance = options.allowance ?? noMailHostAllowance();
  for (const host of [input.imapHost, input.smtpHost])
    if (typeof host === 'string' && host.trim() !== '')
      await assertMailHostAllowed(host, allowance);
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

/** The mail settings of a mailbox as the API shows them; not_found for an unknown mailbox. */
export async function getMailSettingsDto(
  db: Kysely<DB>,
  mailboxId: string,
): Promise<MailSettingsDto> {
  return presentMailSettings((await loadMailboxMail(db, mailboxId)).settings);
}
