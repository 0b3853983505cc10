/**
 * One HTTP POST of a webhook message (issue 21 §3), signed per the Standard
 * Webhooks specification with its maintained implementation (`standardwebhooks`):
 * headers webhook-id (the same on every attempt), webhook-timestamp and
 * webhook-signature (`v1,` HMAC-SHA256 of `id.timestamp.body`).
 *
 * The address is checked by the webhook host guard (config/webhook-host-guard.ts):
 * an IP literal before connecting, a host name by the socket's own lookup.
 * Redirects are answers like any other (a failure), never followed. The body
 * of the answer is read (at most 64 KiB) and dropped.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { Webhook } from 'standardwebhooks';
import type { MailHostAllowance } from '../../config/mail-host-guard.ts';
import { assertWebhookAddress, guardedLookup } from '../../config/webhook-host-guard.ts';

export type SendOutcome = {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
};

export type WebhookSender = {
  send(message: {
    url: string;
    secret: string;
    msgId: string;
    body: string;
    /** The signature's time (the real time: receivers reject old timestamps). */
    at?: Date;
  }): Promise<SendOutcome>;
  close(): void;
};

const maxAnswerBytes = 64 * 1024;

export function createWebhookSender(options: {
  allowedHosts: MailHostAllowance;
  timeoutMs?: number;
}): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const lookup = guardedLookup(options.allowedHosts);
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };
  return {
    async send({ url, secret, msgId, body, at }) {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      try {
        const target = new URL(url);
        if (target.protocol !== 'http:' && target.protocol !== 'https:')
          throw new Error('not an http(s) address');
        const host = target.hostname.replace(/^\[|\]$/g, '');
        if (net.isIP(host) !== 0) assertWebhookAddress(host, host, options.allowedHosts);
        const timestamp = at ?? new Date();
        const signature = new Webhook(secret).sign(msgId, timestamp, body);
        const headers = {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Guichet-Webhooks/1',
          'webhook-id': msgId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        };
        const client = target.protocol === 'https:' ? https : http;
        const statusCode = await new Promise<number>((resolve, reject) => {
          const request = client.request(
            target,
            {
              method: 'POST',
              headers,
              agent: agents[target.protocol as 'http:' | 'https:'],
              lookup,
              timeout: timeoutMs,
            },
            (response) => {
              let read = 0;
              response.on('data', (chunk: Buffer) => {
                read += chunk.length;
                if (read > maxAnswerBytes) response.destroy();
              });
              response.on('end', () => resolve(response.statusCode ?? 0));
              response.on('close', () => resolve(response.statusCode ?? 0));
              response.on('error', reject);
            },
          );
          request.on('timeout', () => request.destroy(new Error(`no answer in ${timeoutMs} ms`)));
          request.on('error', reject);
          request.end(body);
        });
        const ok = statusCode >= 200 && statusCode < 300;
        return {
          ok,
          statusCode,
          durationMs: elapsed(),
          error: ok
            ? null
            : statusCode >= 300 && statusCode < 400
              ? 'redirection not followed'
              : `HTTP ${statusCode}`,
        };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, statusCode: null, durationMs: elapsed(), error: message.slice(0, 500) };
      }
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
