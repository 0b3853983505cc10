/**
 * Snoozes and follow-ups whose time came (issue 18 §2) as a poll job of the
 * runner (src/jobs/registry.ts): a pass every 30 seconds in each instance,
 * back to back while a pass is full. Passes of several instances share the
 * work and each wait fires once (ticket-waits-fire.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PollJob } from '../../jobs/runner/types.ts';
import type { MailSigner } from '../signing/mail-signer.ts';
import { fireDueWaits, type WaitsPass } from './ticket-waits-fire.ts';

export function ticketWaitsJob(options: {
  db: Kysely<DB>;
  signer: MailSigner;
  /** The time now (tests move it). */
  now?: () => Date;
  everyMs?: number;
  onPass?: (pass: WaitsPass) => void;
}): PollJob {
  return {
    kind: 'poll',
    name: 'ticket-waits',
    everyMs: options.everyMs ?? 30_000,
    maxBackoffMs: 5 * 60_000,
    async run() {
      const pass = await fireDueWaits(options.db, options.signer, options.now?.() ?? new Date());
      options.onPass?.(pass);
      return pass.more;
    },
  };
}
