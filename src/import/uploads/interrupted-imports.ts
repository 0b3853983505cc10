/**
 * Runs whose process died (issue 16 §13): an import run that is not finished
 * and whose lease (shared/run-lease.ts) has run out is marked interrupted —
 * `summary.state = 'interrupted'`, `finished_at` set — and its upload folder
 * on this instance is removed. The import is idempotent: "Reprendre" in the
 * web app sends the same export again, and what was already imported reads as
 * unchanged. Called when runs are read (GET /api/imports…) and by housekeeping.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { importLeaseName } from '../shared/run-lease.ts';
import { uploadsDir } from './uploaded-import.ts';

/** An upload folder with no run, untouched this long, was left by a process killed while saving. */
const orphanAgeMs = 24 * 60 * 60_000;

/** Marks the dead runs interrupted and removes their files here; returns their ids. */
export async function settleInterruptedImports(
  db: Kysely<DB>,
  dir: string = uploadsDir(),
): Promise<string[]> {
  const prefix = importLeaseName('');
  const { rows } = await sql<{ id: string }>`
    update import_runs r
      set finished_at = now(), summary = r.summary || '{"state": "interrupted"}'::jsonb
    where r.finished_at is null
      and not exists (select 1 from job_leases l
        where l.name = ${prefix} || r.id::text and l.lease_until >= now())
    returning r.id`.execute(db);
  await removeDeadFolders(db, dir);
  return rows.map((r) => r.id);
}

/** Removes the folders of interrupted runs, and old folders that belong to no run. */
async function removeDeadFolders(db: Kysely<DB>, dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const ids = names.filter((n) => /^[0-9a-f-]{36}$/.test(n));
  if (ids.length === 0) return;
  const runs = await db
    .selectFrom('import_runs')
    .select(['id', 'summary'])
    .where('id', 'in', ids)
    .execute();
  for (const id of ids) {
    const run = runs.find((r) => r.id === id);
    const folder = path.join(dir, id);
    const dead = run
      ? (run.summary as { state?: string }).state === 'interrupted'
      : await untouchedFor(folder, orphanAgeMs);
    if (dead) await rm(folder, { recursive: true, force: true });
  }
}

async function untouchedFor(folder: string, ms: number): Promise<boolean> {
  const files = await readdir(folder).catch(() => [] as string[]);
  const times = await Promise.all(
    [folder, ...files.map((f) => path.join(folder, f))].map((p) =>
      stat(p).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    ),
  );
  return Date.now() - Math.max(...times) > ms;
}
