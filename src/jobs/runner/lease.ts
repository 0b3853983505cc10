/**
 * Named leases (`job_leases`, migration 0009): the keys of per-key jobs (one
 * IMAP mailbox, one holder), and work that must not run twice at once whoever
 * starts it (retention, from the schedule or an administrator). The first
 * owner to take a lease holds it; it expires on its own, so an owner that dies
 * blocks the work for at most the lease; the holder renews it while it works.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Takes (or renews, when `owner` holds it) the lease `name` for `seconds`.
 * Returns false when another owner holds a lease that has not expired.
 */
export async function takeLease(
  db: Kysely<DB>,
  name: string,
  owner: string,
  seconds: number,
): Promise<boolean> {
  const { rows } = await sql<{ owner: string }>`
    insert into job_leases as l (name, owner, lease_until)
    values (${name}, ${owner}, now() + make_interval(secs => ${seconds}))
    on conflict (name) do update set owner = excluded.owner, lease_until = excluded.lease_until
      where l.lease_until < now() or l.owner = excluded.owner
    returning owner`.execute(db);
  return rows.length === 1;
}

/** Gives the lease back (only if `owner` still holds it). */
export async function releaseLease(db: Kysely<DB>, name: string, owner: string): Promise<void> {
  await db.deleteFrom('job_leases').where('name', '=', name).where('owner', '=', owner).execute();
}
