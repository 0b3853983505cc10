/**
 * The escalation of due times (issue 18) as a poll job of the runner
 * (src/jobs/registry.ts): a pass every 30 seconds in each instance, back to
 * back while a pass is full. Passes of several instances share the work
 * (escalate.ts claims rows with SKIP LOCKED), and each warning or escalation
 * happens once.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PollJob } from '../../jobs/runner/types.ts';
import { type EscalationPass, escalateDueTimes } from './escalate.ts';

export function escalationJob(options: {
  db: Kysely<DB>;
  /** The time now (tests move it). */
  now?: () => Date;
  everyMs?: number;
  onPass?: (pass: EscalationPass) => void;
}): PollJob {
  return {
    kind: 'poll',
    name: 'target-escalation',
    everyMs: options.everyMs ?? 30_000,
    maxBackoffMs: 5 * 60_000,
    async run() {
      const pass = await escalateDueTimes(options.db, options.now?.() ?? new Date());
      options.onPass?.(pass);
      return pass.more;
    },
  };
}
