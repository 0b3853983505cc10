/**
 * PostgreSQL's own tools for the server backend: pg_dump / pg_restore from
 * the Debian packages (/usr/lib/postgresql/<major>/bin), the one matching the
 * server's major version, or a newer one (pg_dump reads older servers).
 * PG_BIN_DIR overrides the search.
 */
import { spawn } from 'node:child_process';
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error.ts';

const debianRoot = '/usr/lib/postgresql';

/** The folder of pg_dump/pg_restore for a server of `serverMajor`. */
export async function pgBinDir(serverMajor: number, env = process.env): Promise<string> {
  if (env.PG_BIN_DIR) return env.PG_BIN_DIR;
  const majors = (await readdir(debianRoot).catch(() => []))
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= serverMajor)
    .sort((a, b) => a - b);
  for (const major of majors) {
    const dir = path.join(debianRoot, String(major), 'bin');
    const ok = await access(path.join(dir, 'pg_dump')).then(
      () => true,
      () => false,
    );
    if (ok) return dir;
  }
  throw new AppError(
    'configuration',
    `No pg_dump for PostgreSQL ${serverMajor} or newer was found under ${debianRoot}/*/bin. ` +
      `Install postgresql-client-${serverMajor} or set PG_BIN_DIR to the folder holding pg_dump and pg_restore.`,
  );
}

/** Runs a PostgreSQL tool; AppError('unavailable') with its last error lines when it fails. */
export function runPgTool(binary: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.once('error', (error) =>
      reject(new AppError('unavailable', `Cannot run ${binary}: ${error.message}`)),
    );
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new AppError(
            'unavailable',
            `${path.basename(binary)} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`,
          ),
        );
    });
  });
}
