/**
 * The e-mail channel's instance settings, read from the environment by
 * config.ts (mailbox-level settings live in the database).
 */
import { AppError } from '../errors/app-error.ts';
import { parseCredentialsKey } from '../storage/credentials.ts';
import { type MailHostAllowance, parseMailAllowance } from './mail-host-guard.ts';

/** The e-mail channel's settings (issue 5); mailbox-level settings live in the database. */
export type MailConfig = {
  /** Encrypts stored IMAP/SMTP passwords; absent = passwords cannot be saved. */
  credentialsKey: Buffer | undefined;
  /** Largest inbound mail accepted, in bytes. */
  maxBytes: number;
  /** Guichet's own SMTP listener; absent = not started. */
  listen:
    | { host: string; port: number; tls: { keyFile: string; certFile: string } | undefined }
    | undefined;
  /** Relay for outgoing mail of mailboxes without their own SMTP settings. */
  relayUrl: URL | undefined;
  /** MAIL_ALLOWED_HOSTS: loopback, link-local… hosts or ranges mailbox settings may reach anyway. */
  allowedHosts: MailHostAllowance;
};

/** The variables read here, as config.ts validated them (its `Env` holds them all). */
export type MailEnv = {
  MAIL_CREDENTIALS_KEY?: string | undefined;
  MAIL_MAX_BYTES: number;
  SMTP_LISTEN_PORT?: number | undefined;
  SMTP_LISTEN_HOST: string;
  SMTP_TLS_KEY_FILE?: string | undefined;
  SMTP_TLS_CERT_FILE?: string | undefined;
  SMTP_RELAY_URL?: string | undefined;
  MAIL_ALLOWED_HOSTS?: string | undefined;
};

/** Builds the mail settings from the validated environment; AppError('configuration') when inconsistent. */
export function mailConfig(e: MailEnv): MailConfig {
  if ((e.SMTP_TLS_KEY_FILE === undefined) !== (e.SMTP_TLS_CERT_FILE === undefined))
    throw new AppError(
      'configuration',
      'Set both SMTP_TLS_KEY_FILE and SMTP_TLS_CERT_FILE, or neither.',
    );
  let relayUrl: URL | undefined;
  if (e.SMTP_RELAY_URL !== undefined) {
    try {
      relayUrl = new URL(e.SMTP_RELAY_URL);
    } catch {
      relayUrl = undefined;
    }
    if (!relayUrl || (relayUrl.protocol !== 'smtp:' && relayUrl.protocol !== 'smtps:'))
      throw new AppError(
        'configuration',
        'SMTP_RELAY_URL must look like smtp://USER:PASSWORD@HOST:PORT (or smtps://)',
      );
  }
  const tls =
    e.SMTP_TLS_KEY_FILE && e.SMTP_TLS_CERT_FILE
      ? { keyFile: e.SMTP_TLS_KEY_FILE, certFile: e.SMTP_TLS_CERT_FILE }
      : undefined;
  return {
    credentialsKey: e.MAIL_CREDENTIALS_KEY
      ? parseCredentialsKey(e.MAIL_CREDENTIALS_KEY)
      : undefined,
    maxBytes: e.MAIL_MAX_BYTES,
    listen:
      e.SMTP_LISTEN_PORT === undefined
        ? undefined
        : { host: e.SMTP_LISTEN_HOST, port: e.SMTP_LISTEN_PORT, tls },
    relayUrl,
    allowedHosts: parseMailAllowance(e.MAIL_ALLOWED_HOSTS),
  };
}
