/**
 * Every piece of Guichet's background work, in one list (issue 17). Each job
 * is defined beside the code it runs and started by the one job runner
 * (runner/runner.ts) that `guichet serve` starts and stops.
 *
 * | job                   | kind      | when                                  | where it is defined                       |
 * | --------------------- | --------- | ------------------------------------- | ----------------------------------------- |
 * | `housekeeping`        | scheduled | every hour, on the hour               | jobs/housekeeping.ts                      |
 * | `monthly-summary`     | scheduled | every hour (not in the first minute)  | reports/summary/summary-schedule.ts       |
 * | `retention`           | scheduled | every hour (not in the first 10 min)  | domain/privacy/retention-schedule.ts      |
 * | `search-backlog`      | poll      | back to back while rows wait, 30 s    | domain/workspace/search-backlog.ts        |
 * | `outbox`              | poll      | when a reply is written, at least 2 s | mail/outbound/outbox-worker.ts            |
 * | `imap`                | per-key   | one worker per IMAP mailbox, 30 s lease | mail/inbound/imap-worker.ts             |
 * | `portal-events-flush` | poll      | every 250 ms, in each web process     | portal/stats/portal-events.ts             |
 * | `target-escalation`   | poll      | every 30 s, back to back while full   | domain/targets/escalation-job.ts          |
 * | `demand-number-backfill` | poll   | back to back until old messages are read | domain/tickets/demand-numbers-backfill.ts |
 * | `incident-autolink`   | poll      | every 5 s, back to back while events wait | domain/incidents/autolink.ts          |
 * | `webhooks`            | poll      | every second, back to back while busy | domain/webhooks/webhook-job.ts            |
 * | `ticket-waits`        | poll      | every 30 s, back to back while full   | domain/tickets/ticket-waits-job.ts        |
 * | `notifications`       | poll      | every 2 s, back to back while events wait | domain/notifications/notify-job.ts    |
 *
 * The jobs that depend on the time read it from config/test-clock.ts (the
 * system's, except in browser tests that move a server's time).
 * | `automation-rules`    | poll      | every 1 s (time conditions: 1 min)    | domain/automation/automation-job.ts       |
 *
 * The background jobs run in one process per instance (the role `all` or
 * `worker`); the web jobs, which flush what a web process holds in memory,
 * run in every process that serves HTTP.
 */

import { jobClock } from '../config/test-clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { automationJob } from '../domain/automation/automation-job.ts';
import { searchBacklogJob } from '../domain/inbox/search-backlog.ts';
import { incidentAutolinkJob } from '../domain/incidents/autolink.ts';
import { notificationsJob } from '../domain/notifications/notify-job.ts';
import { retentionJob } from '../domain/privacy/retention-schedule.ts';
import { escalationJob } from '../domain/targets/escalation-job.ts';
import { demandNumberBackfillJob } from '../domain/tickets/demand-numbers-backfill.ts';
import { ticketWaitsJob } from '../domain/tickets/ticket-waits-job.ts';
import { webhookJob } from '../domain/webhooks/webhook-job.ts';
import type { InboundDeps } from '../mail/inbound/ingest-mail.ts';
import { type MailLog, mailJobs } from '../mail/mail-services.ts';
import { portalEventsFlushJob } from '../portal/stats/portal-events.ts';
import { monthlySummaryJob } from '../reports/summary/summary-schedule.ts';
import { housekeepingJob } from './housekeeping.ts';
import type { JobDefinition } from './runner/types.ts';

/** The jobs of each process that serves HTTP. */
export function webJobs(database: Database): JobDefinition[] {
  return [portalEventsFlushJob(database.db)];
}

/**
 * The background jobs of an instance; `close()` releases what they share
 * (the outbox's SMTP connections), once the runner has stopped.
 */
export function backgroundJobs(options: {
  config: Config;
  database: Database;
  inbound: InboundDeps;
  log: MailLog;
}): { jobs: JobDefinition[]; close(): void } {
  const { config, database, inbound, log } = options;
  const mail = mailJobs({ config, inbound, log });
  const webhooks = webhookJob({
    db: database.db,
    credentialsKey: config.mail.credentialsKey,
    allowedHosts: config.webhookAllowedHosts,
  });
  const clock = jobClock();
  const timed = clock.testing ? { now: clock.now, everyMs: 1_000 } : {};
  return {
    jobs: [
      housekeepingJob({ database, limits: config.portal }),
      monthlySummaryJob({
        db: database.db,
        relayUrl: config.mail.relayUrl,
        credentialsKey: config.mail.credentialsKey,
        onSent: (month) => log.info(`monthly summary of ${month} sent`),
      }),
      retentionJob({
        db: database.db,
        blobs: inbound.blobs,
        onRun: (result) => log.info(`retention: ${result.tickets} ticket(s) anonymised`),
      }),
      searchBacklogJob(database.db),
      demandNumberBackfillJob(database.db),
      incidentAutolinkJob(database.db),
      webhooks,
      escalationJob({ db: database.db, ...timed }),
      ticketWaitsJob({ db: database.db, signer: inbound.signer, ...timed }),
      notificationsJob({ db: database.db, ...(clock.testing ? { now: clock.now } : {}) }),
      automationJob({ db: database.db, signer: inbound.signer }),
      ...mail.jobs,
    ],
    close: () => {
      webhooks.close();
      mail.close();
    },
  };
}
