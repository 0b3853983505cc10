/**
 * The e-mail channel inside `guichet serve`: the inbound dependencies every
 * process needs (the HTTP routes store and read attachments through them),
 * Guichet's SMTP listener (when SMTP_LISTEN_PORT is set, in the process that
 * runs the background work), and the mail jobs of the runner: the outbox (a
 * poll job) and one IMAP worker per mailbox with IMAP enabled (a per-key job).
 * Any number of instances may run them: leases and SKIP LOCKED claims keep
 * each mail and each send to one worker.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { createMailSigner } from '../domain/signing/mail-signer.ts';
import type { JobDefinition } from '../jobs/runner/types.ts';
import { createBlobStore } from '../storage/blob-store.ts';
import { imapJob } from './inbound/imap-worker.ts';
import type { InboundDeps } from './inbound/ingest-mail.ts';
import { type SmtpListener, startSmtpListener } from './inbound/smtp-listener.ts';
import { outboxJob } from './outbound/outbox-worker.ts';
import { createTransportFor } from './outbound/transport.ts';

export type MailLog = { warn(message: string, error?: unknown): void; info(message: string): void };

type MailConfig = Pick<Config, 'dataDir' | 'publicUrl' | 'mail'>;

/** Error text for logs: the error's message only (never a mail's content or addresses). */
export const describeMailError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** What receiving mail needs: the database, the blob store, the signer and the size limit. */
export function createInboundDeps(options: {
  config: MailConfig;
  database: Database;
  sessionSecret: string;
}): InboundDeps {
  return {
    db: options.database.db,
    blobs: createBlobStore(path.join(options.config.dataDir, 'blobs')),
    signer: createMailSigner(options.sessionSecret),
    maxBytes: options.config.mail.maxBytes,
    mailboxCacheMs: 5_000,
  };
}

/** Starts Guichet's SMTP listener when SMTP_LISTEN_PORT is set; undefined otherwise. */
export async function startConfiguredSmtpListener(options: {
  config: MailConfig;
  inbound: InboundDeps;
  log: MailLog;
}): Promise<SmtpListener | undefined> {
  const listen = options.config.mail.listen;
  if (!listen) return undefined;
  const tls = listen.tls
    ? { key: await readFile(listen.tls.keyFile), cert: await readFile(listen.tls.certFile) }
    : undefined;
  return startSmtpListener({
    deps: options.inbound,
    host: listen.host,
    port: listen.port,
    tls,
    onError: (error) => options.log.warn(`SMTP listener: ${describeMailError(error)}`),
  });
}

/** The outbox and IMAP jobs; `close()` ends the outbox's SMTP connections (after the runner stopped). */
export function mailJobs(options: { config: MailConfig; inbound: InboundDeps; log: MailLog }): {
  jobs: JobDefinition[];
  close(): void;
} {
  const { config, inbound, log } = options;
  const transportFor = createTransportFor({
    relayUrl: config.mail.relayUrl,
    credentialsKey: config.mail.credentialsKey,
    allowedHosts: config.mail.allowedHosts,
  });
  return {
    jobs: [
      outboxJob({
        db: inbound.db,
        signer: inbound.signer,
        publicUrl: config.publicUrl,
        transportFor,
        blobs: inbound.blobs,
      }),
      imapJob({
        deps: inbound,
        credentialsKey: config.mail.credentialsKey,
        allowedHosts: config.mail.allowedHosts,
        onError: (account, error) =>
          log.warn(`IMAP ${account.host}/${account.folder}: ${describeMailError(error)}`),
      }),
    ],
    close: () => transportFor.closeAll(),
  };
}
