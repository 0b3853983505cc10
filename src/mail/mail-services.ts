/**
 * The e-mail channel's background services inside `guichet serve`: the
 * outbox worker, Guichet's SMTP listener (when SMTP_LISTEN_PORT is set) and
 * one IMAP worker per mailbox with IMAP enabled (settings read at start:
 * restart after changing them). Every instance may run them: leases and
 * SKIP LOCKED claims keep each mail and each send to one worker.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { createMailSigner } from '../domain/signing/mail-signer.ts';
import { createBlobStore } from '../storage/blob-store.ts';
import { imapAccountOf } from './inbound/imap-account.ts';
import { startImapWorker } from './inbound/imap-worker.ts';
import type { InboundDeps } from './inbound/ingest-mail.ts';
import { type SmtpListener, startSmtpListener } from './inbound/smtp-listener.ts';
import { startOutboxWorker } from './outbound/outbox-worker.ts';
import { createTransportFor } from './outbound/transport.ts';

export type MailLog = { warn(message: string, error?: unknown): void; info(message: string): void };

export type MailServices = {
  inbound: InboundDeps;
  smtp: SmtpListener | undefined;
  imapWorkers: number;
  wakeOutbox(): void;
  stop(): Promise<void>;
};

/** Error text for logs: the error's message only (never a mail's content or addresses). */
const describe = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Starts the mail services of this instance. */
export async function startMailServices(options: {
  config: Pick<Config, 'dataDir' | 'publicUrl' | 'mail'>;
  database: Database;
  sessionSecret: string;
  log: MailLog;
}): Promise<MailServices> {
  const { config, database, log } = options;
  const db = database.db;
  const signer = createMailSigner(options.sessionSecret);
  const inbound: InboundDeps = {
    db,
    blobs: createBlobStore(path.join(config.dataDir, 'blobs')),
    signer,
    maxBytes: config.mail.maxBytes,
    mailboxCacheMs: 5_000,
  };
  const transportFor = createTransportFor({
    relayUrl: config.mail.relayUrl,
    credentialsKey: config.mail.credentialsKey,
    allowedHosts: config.mail.allowedHosts,
  });
  const outbox = startOutboxWorker(
    { db, signer, publicUrl: config.publicUrl, transportFor },
    { onError: (error) => log.warn(`outbox: ${describe(error)}`) },
  );
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    await outbox.stop();
    await Promise.all(stops.map((s) => s().catch(() => {})));
    transportFor.closeAll();
  };
  try {
    let smtp: SmtpListener | undefined;
    const listen = config.mail.listen;
    if (listen) {
      const tls = listen.tls
        ? { key: await readFile(listen.tls.keyFile), cert: await readFile(listen.tls.certFile) }
        : undefined;
      smtp = await startSmtpListener({
        deps: inbound,
        host: listen.host,
        port: listen.port,
        tls,
        onError: (error) => log.warn(`SMTP listener: ${describe(error)}`),
      });
      const listener = smtp;
      stops.push(() => listener.close());
    }
    const settings = await db
      .selectFrom('mailbox_mail_settings')
      .selectAll()
      .where('imap_enabled', '=', true)
      .execute();
    const workerId = `${os.hostname()}:${process.pid}`;
    for (const row of settings) {
      const account = imapAccountOf(row, config.mail.credentialsKey);
      if (!account) continue;
      const worker = startImapWorker({
        deps: inbound,
        mailboxId: row.mailbox_id,
        account,
        workerId,
        allowedHosts: config.mail.allowedHosts,
        onError: (error) => log.warn(`IMAP ${account.host}/${account.folder}: ${describe(error)}`),
      });
      stops.push(() => worker.stop());
    }
    return {
      inbound,
      smtp,
      imapWorkers: stops.length - (smtp ? 1 : 0),
      wakeOutbox: () => outbox.wake(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
