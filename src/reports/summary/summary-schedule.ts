/**
 * The monthly summary check of `guichet serve`: a job of the runner
 * (src/jobs/registry.ts) every hour, each hour's check given to one instance;
 * the month's claim in sendMonthlySummaryIfDue makes one send even so.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ScheduledJob } from '../../jobs/runner/types.ts';
import { createTransportFor } from '../../mail/outbound/transport.ts';
import { sendMonthlySummaryIfDue } from './monthly-summary.ts';
import { createSummarySender } from './summary-sender.ts';

/** The hourly check as a scheduled job; its SMTP connections last one check. */
export function monthlySummaryJob(options: {
  db: Kysely<DB>;
  relayUrl: URL | undefined;
  credentialsKey: Buffer | undefined;
  onSent: (month: string) => void;
}): ScheduledJob {
  return {
    kind: 'scheduled',
    name: 'monthly-summary',
    schedule: { every: 60 * 60_000 },
    startAfterMs: 60_000,
    async run() {
      const transports = createTransportFor({
        relayUrl: options.relayUrl,
        credentialsKey: options.credentialsKey,
      });
      try {
        const month = await sendMonthlySummaryIfDue(
          options.db,
          new Date(),
          createSummarySender(transports),
        );
        if (month) options.onSent(month);
      } finally {
        transports.closeAll();
      }
    },
  };
}
