/**
 * A mailbox's mail settings (issue 5 §9): IMAP and SMTP accounts, signature,
 * acknowledgement and reopening delay. Passwords are encrypted with
 * MAIL_CREDENTIALS_KEY before they are stored and never returned.
 */
import type { Kysely } from 'kysely';
import {
  assertMailHostAllowed,
  type MailHostAllowance,
  noMailHostAllowance,
} from '../../config/mail-host-guard.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { MailSettingsInput } from '../../shared/mail-contracts.ts';
import { encryptSecret } from '../../storage/credentials.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { loadMailboxMail, type MailSettingsRow } from './mailbox-mail.ts';

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
 * Saves the given settings (others unchanged); returns the new settings
 * (src/presenters/mail-settings.ts shows them without passwords). An
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
): Promise<MailSettingsRow> {
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
  return (await loadMailboxMail(db, mailboxId)).settings;
}

/** The mail settings of a mailbox (defaults when it never saved any); not_found for an unknown mailbox. */
export async function getMailSettings(db: Kysely<DB>, mailboxId: string): Promise<MailSettingsRow> {
  return (await loadMailboxMail(db, mailboxId)).settings;
}
