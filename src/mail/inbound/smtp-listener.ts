/**
 * Guichet's own SMTP listener, for an MTA that forwards support mail to it.
 *
 * - RCPT TO: only addresses of a mailbox are accepted (550 otherwise);
 * - SIZE: mail above MAIL_MAX_BYTES is refused with 552, never buffered whole;
 * - STARTTLS when a key and certificate are configured;
 * - 250 only after the pipeline committed (or dead-lettered) the mail for
 *   every routed mailbox; a database failure answers 451 so the sender retries;
 * - concurrent sessions share their transactions (group commit, group-commit.ts).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { routeRecipients } from '../../domain/mailboxes/mailbox-mail.ts';
import { groupCommitter } from './group-commit.ts';
import { type InboundDeps, prepareMail } from './ingest-mail.ts';

export type SmtpListener = { port: number; close(): Promise<void> };

export type SmtpListenerOptions = {
  deps: InboundDeps;
  host: string;
  port: number;
  tls?: { key: Buffer; cert: Buffer };
  /** Called for failures the sender is told to retry (never with mail content). */
  onError?: (error: unknown) => void;
};

const smtpError = (code: number, message: string): Error =>
  Object.assign(new Error(message), { responseCode: code });

async function readCapped(stream: SMTPServerDataStream): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return stream.sizeExceeded ? null : Buffer.concat(chunks);
}

/**
 * Recipient → mailbox routing, remembered for a few seconds: every RCPT and
 * every DATA of a busy listener would otherwise each cost a query.
 */
function cachedRouting(deps: InboundDeps, ttlMs: number) {
  const cache = new Map<string, { at: number; mailboxes: string[] }>();
  return async (addresses: string[]): Promise<string[]> => {
    const result = new Set<string>();
    for (const raw of addresses) {
      const address = raw.trim().toLowerCase();
      const hit = cache.get(address);
      if (hit && Date.now() - hit.at < ttlMs) {
        for (const id of hit.mailboxes) result.add(id);
        continue;
      }
      const mailboxes = await routeRecipients(deps.db, [address]);
      if (cache.size > 10_000) cache.clear();
      cache.set(address, { at: Date.now(), mailboxes });
      for (const id of mailboxes) result.add(id);
    }
    return [...result];
  };
}

/** Starts the listener; resolves once it accepts connections. */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const { deps } = options;
  const route = cachedRouting(deps, deps.mailboxCacheMs ?? 0);
  // Concurrent sessions share their commits (group-commit.ts).
  const writer = groupCommitter(deps, { inFlight: deps.smtpCommitsInFlight ?? 1 });
  const server = new SMTPServer({
    name: 'guichet',
    banner: 'Guichet',
    size: deps.maxBytes,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    logger: false,
    closeTimeout: 5_000,
    onRcptTo(address, _session, callback) {
      route([address.address]).then(
        (mailboxes) =>
          callback(mailboxes.length > 0 ? null : smtpError(550, 'No such recipient here')),
        (error: unknown) => {
          options.onError?.(error);
          callback(smtpError(451, 'Temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      (async () => {
        const raw = await readCapped(stream);
        if (raw === null) return callback(smtpError(552, 'Message exceeds the size limit'));
        const mailboxes = await route(session.envelope.rcptTo.map((r) => r.address));
        await Promise.all(
          mailboxes.map(async (mailboxId) =>
            writer.store(
              await prepareMail(deps, { raw, mailboxId, source: 'smtp' }, { deferRaw: true }),
            ),
          ),
        );
        callback(null, 'Queued');
      })().catch((error: unknown) => {
        options.onError?.(error);
        callback(smtpError(451, 'Temporary failure, try again later'));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => options.onError?.(error));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
