/**
 * The mail settings forms' pure side: the form values of stored settings, the
 * request a section sends (checked by the API's own zod contract before it
 * leaves), the French words of a failure, and the line a connection test
 * leaves. No React here: mail-settings-form.test.ts tests it.
 */
import type { MailSettingsDto, MailSettingsInput } from '@shared/mail-contracts.ts';
import { mailSettingsInputSchema } from '@shared/mail-contracts.ts';
import type { ConnectionTestDto } from '@shared/setup-contracts.ts';
import { isApiError } from '../../api/client.ts';
import type { SetupMessages } from './setup-i18n.ts';

export type ServerKind = 'smtp' | 'imap';

/** One server's form: text inputs as typed, the password empty unless changed. */
export type ServerForm = {
  host: string;
  port: string;
  tls: boolean;
  user: string;
  password: string;
  folder: string;
  enabled: boolean;
};

export function serverFormOf(settings: MailSettingsDto, kind: ServerKind): ServerForm {
  const smtp = kind === 'smtp';
  return {
    host: (smtp ? settings.smtpHost : settings.imapHost) ?? '',
    port: String((smtp ? settings.smtpPort : settings.imapPort) ?? ''),
    tls: smtp ? settings.smtpTls : settings.imapTls,
    user: (smtp ? settings.smtpUser : settings.imapUser) ?? '',
    password: '',
    folder: settings.imapFolder,
    enabled: smtp ? true : settings.imapEnabled,
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

function portOf(text: string): number | null {
  if (text.trim() === '') return null;
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/** The request of one server's form: a password is sent only when typed. */
export function serverInput(form: ServerForm, kind: ServerKind): MailSettingsInput {
  const password = form.password === '' ? {} : { password: form.password };
  if (kind === 'smtp')
    return {
      smtpHost: orNull(form.host),
      smtpPort: portOf(form.port),
      smtpTls: form.tls,
      smtpUser: orNull(form.user),
      ...('password' in password ? { smtpPassword: password.password } : {}),
    };
  return {
    imapEnabled: form.enabled,
    imapHost: orNull(form.host),
    imapPort: portOf(form.port),
    imapTls: form.tls,
    imapUser: orNull(form.user),
    imapFolder: form.folder.trim() === '' ? 'INBOX' : form.folder.trim(),
    ...('password' in password ? { imapPassword: password.password } : {}),
  };
}

export type MessagesForm = {
  signature: string;
  ackEnabled: boolean;
  ackSubject: string;
  ackBody: string;
  reopenDays: string;
};

export const messagesFormOf = (settings: MailSettingsDto): MessagesForm => ({
  signature: settings.signature ?? '',
  ackEnabled: settings.ackEnabled,
  ackSubject: settings.ackSubject ?? '',
  ackBody: settings.ackBody ?? '',
  reopenDays: String(settings.reopenDays),
});

export const messagesInput = (form: MessagesForm): MailSettingsInput => ({
  signature: form.signature.trim() === '' ? null : form.signature,
  ackEnabled: form.ackEnabled,
  ackSubject: orNull(form.ackSubject),
  ackBody: form.ackBody.trim() === '' ? null : form.ackBody,
  reopenDays: portOf(form.reopenDays) ?? Number.NaN,
});

/** The form's labels by request key, to name the field a check refused. */
const labelKeys: Record<string, keyof SetupMessages> = {
  smtpHost: 'host',
  imapHost: 'host',
  smtpPort: 'port',
  imapPort: 'port',
  smtpUser: 'user',
  imapUser: 'user',
  smtpPassword: 'password',
  imapPassword: 'password',
  imapFolder: 'folder',
  signature: 'signature',
  ackSubject: 'ackSubject',
  ackBody: 'ackBody',
  reopenDays: 'reopenDays',
};

/** Checks `input` with the API's contract; the French line naming the first refused field, or null. */
export function invalidInput(input: MailSettingsInput, s: SetupMessages): string | null {
  const parsed = mailSettingsInputSchema.safeParse(input);
  if (parsed.success) return null;
  const key = String(parsed.error.issues[0]?.path[0] ?? '');
  const label = labelKeys[key];
  const text = label ? s[label] : key;
  return s.invalidValue(typeof text === 'string' ? text : key);
}

/** A failed call in words of the screen (never the server's English). */
export function failureLine(error: unknown, s: SetupMessages): string {
  if (!isApiError(error)) return s.loadFailed;
  if (error.status === 409) return s.addressTaken;
  if (error.status === 400 && /not allowed/i.test(error.message)) return s.failures.not_allowed;
  if (error.status === 400) return s.refused;
  return s.loadFailed;
}

/** The line a connection test leaves: success, or the server and why it failed. */
export function testLine(result: ConnectionTestDto, s: SetupMessages): string {
  const server =
    result.host === null
      ? ''
      : `${result.host}:${result.port ?? ''}${result.via === 'relay' ? ` (${s.viaRelay})` : ''}`;
  if (result.ok) return s.testOk(server);
  const why = s.failures[result.reason ?? 'other'];
  if (server === '') return `${why.charAt(0).toUpperCase()}${why.slice(1)}`;
  return s.testFailed(server, why);
}
