/**
 * SMTP transports for outgoing mail: the mailbox's own SMTP settings when it
 * has them (password decrypted with MAIL_CREDENTIALS_KEY), else the instance
 * relay (SMTP_RELAY_URL). Transports are pooled and reused per configuration.
 */
import net from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import {
  checkedMailAddress,
  type MailHostAllowance,
  noMailHostAllowance,
} from '../../config/mail-host-guard.ts';
import type { MailboxMail } from '../../domain/mailboxes/mailbox-mail.ts';
import { AppError } from '../../errors/app-error.ts';
import { decryptSecret } from '../../storage/credentials.ts';

export type TransportFor = (mailbox: MailboxMail) => Transporter;

type SmtpOptions = {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  /** The mailbox's own server (set by a supervisor): checked at every connection. */
  guarded?: true;
};

function optionsFor(
  mailbox: MailboxMail,
  relayUrl: URL | undefined,
  key: Buffer | undefined,
): SmtpOptions {
  const s = mailbox.settings;
  if (s.smtp_host) {
    let auth: SmtpOptions['auth'];
    if (s.smtp_user && s.smtp_password_enc) {
      if (!key)
        throw new AppError(
          'configuration',
          'MAIL_CREDENTIALS_KEY is needed to read the SMTP password.',
        );
      auth = { user: s.smtp_user, pass: decryptSecret(key, s.smtp_password_enc) };
    }
    return {
      host: s.smtp_host,
      port: s.smtp_port ?? (s.smtp_tls ? 465 : 587),
      secure: s.smtp_tls,
      auth,
      guarded: true,
    };
  }
  if (relayUrl) {
    const user = decodeURIComponent(relayUrl.username);
    return {
      host: relayUrl.hostname,
      port: Number(relayUrl.port) || (relayUrl.protocol === 'smtps:' ? 465 : 25),
      secure: relayUrl.protocol === 'smtps:',
      auth: user ? { user, pass: decodeURIComponent(relayUrl.password) } : undefined,
    };
  }
  throw new AppError(
    'configuration',
    'No SMTP server for this mailbox: set its SMTP settings or SMTP_RELAY_URL.',
  );
}

type SocketCallback = (error: Error | null, socket?: { connection: net.Socket }) => void;

/**
 * nodemailer's `getSocket`: resolves the host, checks every address
 * (config/mail-host-guard.ts) and opens the TCP connection to the checked one; nodemailer
 * then does TLS on it with the host name as servername (SNI, certificate).
 */
export function guardedSocket(allowance: MailHostAllowance) {
  return (options: { host?: string; port?: number }, callback: SocketCallback): void => {
    checkedMailAddress(options.host ?? '', allowance).then(
      (address) => {
        const socket = net.connect({ host: address, port: options.port ?? 587 });
        const fail = (error: Error) => callback(error);
        socket.once('error', fail);
        socket.once('connect', () => {
          socket.off('error', fail);
          callback(null, { connection: socket });
        });
      },
      (error: Error) => callback(error),
    );
  };
}

/** Returns a function giving each mailbox its (cached, pooled) transport. */
export function createTransportFor(options: {
  relayUrl: URL | undefined;
  credentialsKey: Buffer | undefined;
  /** Localhost test sinks use self-signed certificates; real relays are verified. */
  allowSelfSigned?: boolean;
  /** MAIL_ALLOWED_HOSTS, for the mailboxes' own SMTP servers (none when absent). */
  allowedHosts?: MailHostAllowance;
}): TransportFor & { closeAll(): void } {
  const cache = new Map<string, Transporter>();
  const get = (mailbox: MailboxMail): Transporter => {
    const smtp = optionsFor(mailbox, options.relayUrl, options.credentialsKey);
    const key = JSON.stringify(smtp);
    let transport = cache.get(key);
    if (!transport) {
      const { guarded, ...connection } = smtp;
      transport = nodemailer.createTransport({
        ...connection,
        ...(guarded
          ? { getSocket: guardedSocket(options.allowedHosts ?? noMailHostAllowance()) }
          : {}),
        pool: true,
        maxConnections: 4,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
        tls: { rejectUnauthorized: options.allowSelfSigned !== true },
      });
      cache.set(key, transport);
    }
    return transport;
  };
  return Object.assign(get, {
    closeAll() {
      for (const t of cache.values()) t.close();
      cache.clear();
    },
  });
}
