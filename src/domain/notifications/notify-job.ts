/**
 * The notifications (issue 18 §4) as a poll job of the runner
 * (src/jobs/registry.ts): each pass reads the ticket events that follow the
 * consumer's cursor (consume-events.ts), then queues the e-mail now due
 * (queue-mail.ts). Every 2 seconds in each instance, back to back while
 * events wait: an agent is told within seconds. Several instances never tell
 * anything twice.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PollJob } from '../../jobs/runner/types.ts';
import { type ConsumePass, consumeTicketEvents } from './consume-events.ts';
import { queueNotificationMail } from './queue-mail.ts';

export type NotifyPass = ConsumePass & { mails: number };

export function notificationsJob(options: {
  db: Kysely<DB>;
  /** The time now (tests move it): when a digest is due. */
  now?: () => Date;
  everyMs?: number;
  onPass?: (pass: NotifyPass) => void;
}): PollJob {
  return {
    kind: 'poll',
    name: 'notifications',
    everyMs: options.everyMs ?? 2_000,
    maxBackoffMs: 60_000,
    async run() {
      const consumed = await consumeTicketEvents(options.db);
      const mails = await queueNotificationMail(options.db, options.now?.() ?? new Date());
      const pass = { ...consumed, mails };
      options.onPass?.(pass);
      return pass.more;
    },
  };
}
