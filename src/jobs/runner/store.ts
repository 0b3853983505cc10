/**
 * The runner's rows (migration 0015, `job_runs`). Plain SQL, the same on both
 * backends; the key leases are in lease.ts.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type ClaimedRun = {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
};

/** Inserts the run `id` unless it exists; true when this call inserted it. */
export async function insertRun(
  db: Kysely<DB>,
  run: { id: string; name: string; payload?: unknown; runAt?: Date; maxAttempts: number },
): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    insert into job_runs (id, name, payload, run_at, max_attempts)
    values (${run.id}, ${run.name}, ${JSON.stringify(run.payload ?? {})}::jsonb,
      ${run.runAt ?? new Date()}, ${run.maxAttempts})
    on conflict (id) do nothing
    returning id`.execute(db);
  return rows.length === 1;
}

/**
 * Claims up to `limit` runs of `names` for `owner`: due queued runs, and
 * running ones whose lease has ended (their runner died) while attempts remain.
 * Each claim counts as an attempt and holds the run for `leaseMs`.
 */
export async function claimRuns(
  db: Kysely<DB>,
  options: { names: string[]; owner: string; leaseMs: number; limit: number },
): Promise<ClaimedRun[]> {
  if (options.names.length === 0) return [];
  // Runs whose runner died on their last attempt: failed, not retried for ever.
  await sql`
    update job_runs set status = 'failed', finished_at = now(), locked_until = null,
      last_error = coalesce(last_error, 'lease expired on the last attempt')
    where status = 'running' and locked_until < now() and attempts >= max_attempts
      and name = any(${options.names}::text[])`.execute(db);
  const { rows } = await sql<ClaimedRun>`
    update job_runs set status = 'running', attempts = attempts + 1, locked_by = ${options.owner},
      locked_until = now() + make_interval(secs => ${options.leaseMs / 1000})
    where id in (
      select id from job_runs
      where name = any(${options.names}::text[])
        and ((status = 'queued' and run_at <= now())
          or (status = 'running' and locked_until < now() and attempts < max_attempts))
      order by run_at, id
      limit ${options.limit}
      for update skip locked)
    returning id, name, payload, attempts, max_attempts`.execute(db);
  return rows;
}

/** Renews the lease of a run `owner` holds; false when it holds it no more. */
export async function renewRun(
  db: Kysely<DB>,
  id: string,
  owner: string,
  leaseMs: number,
): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    update job_runs set locked_until = now() + make_interval(secs => ${leaseMs / 1000})
    where id = ${id} and locked_by = ${owner} and status = 'running'
    returning id`.execute(db);
  return rows.length === 1;
}

/** Marks a run `owner` holds done. */
export async function finishRun(db: Kysely<DB>, id: string, owner: string): Promise<void> {
  await sql`
    update job_runs set status = 'done', finished_at = now(), locked_until = null, last_error = null
    where id = ${id} and locked_by = ${owner} and status = 'running'`.execute(db);
}

/** Records a failed attempt: queued again after `retryInMs`, or failed for good when null. */
export async function failRun(
  db: Kysely<DB>,
  id: string,
  owner: string,
  error: string,
  retryInMs: number | null,
): Promise<void> {
  const message = error.replaceAll('\0', '').slice(0, 500);
  if (retryInMs === null) {
    await sql`
      update job_runs set status = 'failed', finished_at = now(), locked_until = null,
        last_error = ${message}
      where id = ${id} and locked_by = ${owner} and status = 'running'`.execute(db);
    return;
  }
  await sql`
    update job_runs set status = 'queued', locked_until = null, last_error = ${message},
      run_at = now() + make_interval(secs => ${retryInMs / 1000})
    where id = ${id} and locked_by = ${owner} and status = 'running'`.execute(db);
}

/** Deletes runs finished more than `days` ago (housekeeping). */
export async function purgeFinishedRuns(db: Kysely<DB>, days = 30): Promise<number> {
  const { rows } = await sql<{ id: string }>`
    delete from job_runs where finished_at < now() - make_interval(days => ${days})
    returning id`.execute(db);
  return rows.length;
}
