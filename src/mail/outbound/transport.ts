/**
 * SMTP transports for outgoing mail: the mailbox's own SMTP settings when it
 * has them (password decrypted with MAIL_CREDENTIALS_KEY), else the instance
 * relay (SMTP_RELAY_URL). Transports are pooled and reused per configuration.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailboxMail } from '../../domain/mailboxes/mailbox-mail.ts';
import { AppError } from '../../errors/app-error.ts';
import { decryptSecret } from '../../storage/credentials.ts';

export type TransportFor = (mailbox: MailboxMail) => Transporter;

type SmtpOptions = {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
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

/** Returns a function giving each mailbox its (cached, pooled) transport. */
export function createTransportFor(options: {
  relayUrl: URL | undefined;
  credentialsKey: Buffer | undefined;
  /** Localhost test sinks use self-signed certificates; real relays are verified. */
  allowSelfSigned?: boolean;
}): TransportFor & { closeAll(): void } {
  const cache = new Map<string, Transporter>();
  const get = (mailbox: MailboxMail): Transporter => {
    const smtp = optionsFor(mailbox, options.relayUrl, options.credentialsKey);
    const key = JSON.stringify(smtp);
    let transport = cache.get(key);
    if (!transport) {
      transport = nodemailer.createTransport({
        ...smtp,
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
