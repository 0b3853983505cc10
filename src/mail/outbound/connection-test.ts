/**
 * "Tester la connexion" (issue 15 §1): really connects to a mailbox's SMTP
 * server (nodemailer's verify: greeting, STARTTLS, login) or IMAP server
 * (imapflow: greeting, TLS, login), through the same host guard as the
 * senders (MAIL_ALLOWED_HOSTS), and names why it failed: DNS, refused, TLS,
 * authentication, timeout. A mailbox without its own SMTP server is tested
 * on the instance relay (SMTP_RELAY_URL), as the outbox would send.
 */
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { checkedMailAddress, type MailHostAllowance } from '../../config/mail-host-guard.ts';
import type { MailSettingsRow } from '../../domain/mailboxes/mailbox-mail.ts';
import { isAppError } from '../../errors/app-error.ts';
import type {
  ConnectionFailure,
  ConnectionKind,
  ConnectionTestDto,
} from '../../shared/setup-contracts.ts';
import { decryptSecret } from '../../storage/credentials.ts';
import { guardedSocket } from './transport.ts';

export type ConnectionTestDeps = {
  credentialsKey: Buffer | undefined;
  allowedHosts: MailHostAllowance;
  relayUrl: URL | undefined;
  /** Seconds before a silent server counts as "délai dépassé" (default 10). */
  timeoutMs?: number;
};

type Target = {
  via: 'mailbox' | 'relay';
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string } | undefined;
};

const codeOf = (error: unknown, key: string): string =>
  typeof error === 'object' && error !== null && key in error
    ? String((error as Record<string, unknown>)[key])
    : '';

/** The reason of a failed connection, from nodemailer's, imapflow's or Node's error. */
export function failureOf(error: unknown): ConnectionFailure {
  if (isAppError(error))
    return error.details?.reason === 'mail_host_not_allowed' ? 'not_allowed' : 'other';
  const code = `${codeOf(error, 'code')} ${codeOf(error, 'errno')}`;
  const message = error instanceof Error ? error.message : String(error);
  if (/ENOTFOUND|EAI_AGAIN|EDNS/.test(code) || /getaddrinfo|ENOTFOUND/.test(message)) return 'dns';
  if (/ECONNREFUSED/.test(code) || /ECONNREFUSED/.test(message)) return 'refused';
  if (codeOf(error, 'authenticationFailed') === 'true' || /EAUTH/.test(code)) return 'auth';
  if (/authenticat|invalid credentials|AUTHENTICATIONFAILED|535/i.test(message)) return 'auth';
  if (/ETIMEDOUT|ETIMEOUT|NoConnection/.test(code) || /time(d)? ?out/i.test(message))
    return 'timeout';
  if (/ETLS|ERR_SSL|CERT|SELF_SIGNED|EPROTO/.test(code)) return 'tls';
  if (/certificate|ssl|tls|wrong version number|handshake/i.test(message)) return 'tls';
  return 'other';
}

function password(key: Buffer | undefined, encrypted: string | null): string | undefined {
  if (encrypted === null) return undefined;
  if (!key) throw Object.assign(new Error('credentials key missing'), { code: 'NOKEY' });
  return decryptSecret(key, encrypted);
}

function smtpTarget(s: MailSettingsRow, deps: ConnectionTestDeps): Target | null {
  if (s.smtp_host) {
    const pass = password(deps.credentialsKey, s.smtp_password_enc);
    return {
      via: 'mailbox',
      host: s.smtp_host,
      port: s.smtp_port ?? (s.smtp_tls ? 465 : 587),
      secure: s.smtp_tls,
      auth: s.smtp_user && pass !== undefined ? { user: s.smtp_user, pass } : undefined,
    };
  }
  const relay = deps.relayUrl;
  if (!relay) return null;
  const user = decodeURIComponent(relay.username);
  return {
    via: 'relay',
    host: relay.hostname,
    port: Number(relay.port) || (relay.protocol === 'smtps:' ? 465 : 25),
    secure: relay.protocol === 'smtps:',
    auth: user ? { user, pass: decodeURIComponent(relay.password) } : undefined,
  };
}

function imapTarget(s: MailSettingsRow, deps: ConnectionTestDeps): Target | null {
  if (!s.imap_host) return null;
  const pass = password(deps.credentialsKey, s.imap_password_enc);
  return {
    via: 'mailbox',
    host: s.imap_host,
    port: s.imap_port ?? (s.imap_tls ? 993 : 143),
    secure: s.imap_tls,
    auth: s.imap_user && pass !== undefined ? { user: s.imap_user, pass } : undefined,
  };
}

async function trySmtp(target: Target, deps: ConnectionTestDeps, timeout: number): Promise<void> {
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.secure,
    auth: target.auth,
    // The mailbox's own server goes through the host guard; the relay is the instance's.
    ...(target.via === 'mailbox' ? { getSocket: guardedSocket(deps.allowedHosts) } : {}),
    pool: true,
    maxConnections: 1,
    tls: { rejectUnauthorized: true },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  try {
    await transport.verify();
  } finally {
    transport.close();
  }
}

async function tryImap(target: Target, deps: ConnectionTestDeps, timeout: number): Promise<void> {
  const address = await checkedMailAddress(target.host, deps.allowedHosts);
  const local = target.host === '127.0.0.1' || target.host === 'localhost';
  const client = new ImapFlow({
    host: address,
    ...(address !== target.host ? { servername: target.host } : {}),
    port: target.port,
    secure: target.secure,
    auth: target.auth ?? { user: '', pass: '' },
    logger: false,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    doSTARTTLS: target.secure ? undefined : !local,
  });
  client.on('error', () => {}); // the failure is the connect() rejection below
  try {
    await client.connect();
    await client.logout();
  } finally {
    client.close();
  }
}

/** Connects to the SMTP or IMAP server of stored settings `settings`; never throws. */
export async function testMailConnection(
  settings: MailSettingsRow,
  kind: ConnectionKind,
  deps: ConnectionTestDeps,
): Promise<ConnectionTestDto> {
  const timeout = deps.timeoutMs ?? 10_000;
  let target: Target | null;
  try {
    target = kind === 'smtp' ? smtpTarget(settings, deps) : imapTarget(settings, deps);
  } catch {
    const host = kind === 'smtp' ? settings.smtp_host : settings.imap_host;
    return { kind, ok: false, via: 'mailbox', host, port: null, reason: 'credentials_key' };
  }
  if (!target) return { kind, ok: false, via: 'none', host: null, port: null, reason: 'unset' };
  const shown = { kind, via: target.via, host: target.host, port: target.port };
  try {
    await (kind === 'smtp' ? trySmtp : tryImap)(target, deps, timeout);
    return { ...shown, ok: true, reason: null };
  } catch (error) {
    return { ...shown, ok: false, reason: failureOf(error) };
  }
}
