/**
 * Runs the monthly summary check every hour (and shortly after start) in
 * `guichet serve`. Every instance checks; the month's claim makes one send.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { createTransportFor } from '../../mail/outbound/transport.ts';
import { sendMonthlySummaryIfDue } from './monthly-summary.ts';
import { createSummarySender } from './summary-sender.ts';

const everyMs = 60 * 60_000;
const firstCheckMs = 60_000;

/** Starts the hourly check; returns the function that stops it and closes its SMTP connections. */
export function startMonthlySummarySchedule(options: {
  db: Kysely<DB>;
  relayUrl: URL | undefined;
  credentialsKey: Buffer | undefined;
  onSent: (month: string) => void;
  onError: (error: unknown) => void;
}): () => void {
  const transports = createTransportFor({
    relayUrl: options.relayUrl,
    credentialsKey: options.credentialsKey,
  });
  const send = createSummarySender(transports);
  const check = () => {
    sendMonthlySummaryIfDue(options.db, new Date(), send)
      .then((month) => {
        if (month) options.onSent(month);
      })
      .catch(options.onError);
  };
  const first = setTimeout(check, firstCheckMs);
  const timer = setInterval(check, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
    transports.closeAll();
  };
}
