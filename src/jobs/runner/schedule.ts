/**
 * Occurrences of a schedule (UTC): the runner enqueues the latest one that has
 * begun, under the id `<job>@<its start>`, so every instance names it the same.
 */
import type { RetryPolicy, Schedule } from './types.ts';

const hourMs = 60 * 60_000;

/** The start of the latest occurrence of `schedule` at or before `now`. */
export function occurrenceOf(schedule: Schedule, now: Date): Date {
  const t = now.getTime();
  if ('every' in schedule) return new Date(t - (t % schedule.every));
  if ('hourlyAt' in schedule) {
    const at = new Date(now);
    at.setUTCMinutes(schedule.hourlyAt, 0, 0);
    return at.getTime() > t ? new Date(at.getTime() - hourMs) : at;
  }
  const { day, hour } = schedule.monthlyAt;
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), day, hour));
  return at.getTime() > t
    ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, day, hour))
    : at;
}

/** The run id of the occurrence: the idempotency key of a scheduled run. */
export const occurrenceId = (job: string, at: Date): string => `${job}@${at.toISOString()}`;

/** Exponential backoff: `firstMs` after the first failure, doubling, at most `maxMs`. */
export const exponentialBackoff =
  (firstMs: number, maxMs: number) =>
  (failures: number): number =>
    Math.min(firstMs * 2 ** Math.max(0, failures - 1), maxMs);

/** Five attempts, 30 s after the first failure, doubling, at most an hour. */
export const defaultRetry: RetryPolicy = {
  maxAttempts: 5,
  backoffMs: exponentialBackoff(30_000, hourMs),
};
