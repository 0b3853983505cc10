/**
 * One process at a time on an embedded database.
 *
 * PGlite keeps its files in DATA_DIR/pgdata and has no server to arbitrate
 * between processes: two processes writing there would corrupt it. The lock is
 * a file holding the owner's pid, created exclusively; a lock whose process is
 * gone is stale and taken over.
 */
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { AppError } from '../errors/app-error.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Locks held by this process. A lock file naming our own pid is otherwise
 * treated as stale (in a container the app is often pid 1 on every start).
 */
const heldHere = new Set<string>();

/** Takes the lock or throws a clear error naming the running process. Returns the release function. */
export async function lockDataDir(lockFile: string): Promise<() => Promise<void>> {
  if (heldHere.has(lockFile)) {
    throw new AppError('conflict', 'The embedded database is already open in this process.');
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: 'wx' });
      heldHere.add(lockFile);
      return async () => {
        heldHere.delete(lockFile);
        await unlink(lockFile).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new AppError(
          'configuration',
          `Cannot create ${lockFile}: ${(error as Error).message}`,
        );
      }
      const pid = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
        throw new AppError(
          'conflict',
          `The embedded database is in use by another Guichet process (pid ${pid}). ` +
            'Stop it first, or run this command against a PostgreSQL server (DATABASE_URL).',
        );
      }
      await unlink(lockFile).catch(() => {});
    }
  }
  throw new AppError('conflict', `Could not take the lock ${lockFile}`);
}
