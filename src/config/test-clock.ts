/**
 * The clock of the background jobs that depend on the time (escalation of due
 * times, snoozes and follow-ups, notification digests). In production it is
 * the system's. A browser test moves a real server's time forward: with
 * NODE_ENV=test (vitest sets it; production never does) and
 * GUICHET_TEST_CLOCK_FILE naming a file, `now()` is the system time plus the
 * milliseconds written in that file (0 when missing or unreadable), read at
 * each call, and the jobs pass every second. Outside tests the variable is
 * ignored.
 */
import { readFileSync } from 'node:fs';

export type JobClock = {
  now: () => Date;
  /** Whether the test clock is on (the jobs then pass every second). */
  testing: boolean;
};

export function jobClock(env: NodeJS.ProcessEnv = process.env): JobClock {
  const file = env.GUICHET_TEST_CLOCK_FILE;
  if (env.NODE_ENV !== 'test' || !file) return { now: () => new Date(), testing: false };
  return {
    testing: true,
    now: () => {
      let offset = 0;
      try {
        const value = Number(readFileSync(file, 'utf8').trim());
        if (Number.isFinite(value)) offset = value;
      } catch {
        // no file yet: no offset
      }
      return new Date(Date.now() + offset);
    },
  };
}
