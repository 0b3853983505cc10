/**
 * Automation rules as a poll job of the runner (src/jobs/registry.ts, issue 19 §4):
 * a pass every second in each instance (back to back while a pass is full) runs the
 * rules on the ticket events written since the last pass (run-rules.ts: once, whatever
 * the number of instances), and once a minute the time conditions (time-rules.ts).
 * Mail intake never waits for rules: they act right after its commit, in their own
 * transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PollJob } from '../../jobs/runner/types.ts';
import type { MailSigner } from '../signing/mail-signer.ts';
import { runRulesOnEvents } from './run-rules.ts';
import { runTimeRules } from './time-rules.ts';

export function automationJob(options: {
  db: Kysely<DB>;
  signer: MailSigner;
  now?: () => Date;
  everyMs?: number;
  timeEveryMs?: number;
}): PollJob {
  const deps = { signer: options.signer, ...(options.now ? { now: options.now } : {}) };
  const timeEveryMs = options.timeEveryMs ?? 60_000;
  let lastTimePass = 0;
  return {
    kind: 'poll',
    name: 'automation-rules',
    everyMs: options.everyMs ?? 1000,
    maxBackoffMs: 60_000,
    async run() {
      const events = await runRulesOnEvents(options.db, deps);
      let timeMore = false;
      if (Date.now() - lastTimePass >= timeEveryMs) {
        lastTimePass = Date.now();
        timeMore = (await runTimeRules(options.db, deps)).more;
        if (timeMore) lastTimePass = 0;
      }
      return events.more || timeMore;
    },
  };
}
