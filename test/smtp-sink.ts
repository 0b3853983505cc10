/**
 * An in-process SMTP server that receives what Guichet sends (the "local
 * MTA" of the outbound tests): keeps the exact bytes of every message, can
 * refuse with a given reply code, and can stop and start again on the same
 * port (a relay down and back).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type Received = { from: string; to: string[]; raw: Buffer };

export type SmtpSink = {
  port: number;
  received: Received[];
  /** Reply code for the next DATA commands (e.g. 451, 550); null = accept. */
  refuseWith: number | null;
  /**
   * Keep the next message, then stop the server without answering its DATA
   * (the ambiguous outcome of RELIABILITY F5: delivered, but the sender never saw 250).
   */
  dropAfterData: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  url(): URL;
};

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  let server: SMTPServer | undefined;
  const sink: SmtpSink = {
    port,
    received: [],
    refuseWith: null,
    dropAfterData: false,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        // Pooled client connections stay open: do not wait for them to quit.
        closeTimeout: 100,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            if (sink.refuseWith !== null) {
              const error = Object.assign(new Error(`refused by test sink`), {
                responseCode: sink.refuseWith,
              });
              callback(error);
              return;
            }
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
            sink.received.push({
              from,
              to: session.envelope.rcptTo.map((r) => r.address),
              raw: Buffer.concat(chunks),
            });
            if (sink.dropAfterData) {
              sink.dropAfterData = false;
              void sink.stop(); // never answers: the connection closes under the client
              return;
            }
            callback(null);
          });
        },
      });
      const s = server;
      await new Promise<void>((resolve) => s.listen(sink.port, '127.0.0.1', () => resolve()));
      sink.port = (s.server.address() as AddressInfo).port;
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    url: () => new URL(`smtp://127.0.0.1:${sink.port}`),
  };
  await sink.start();
  return sink;
}

/** The header block of a raw message, unfolded, as [name, value] pairs in order. */
export function headersOf(raw: Buffer): [string, string][] {
  const text = raw.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  const block = text.slice(0, end).replace(/\r\n[ \t]+/g, ' ');
  return block.split('\r\n').map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
}
