/**
 * Import benchmark (`npm run bench -- import`): writes Help Scout exports of
 * each size (4 threads per conversation, bodies of ~2 KB), then runs the real
 * command, `guichet import helpscout FILE --json`, in a fresh process per run
 * on a fresh database, and prints the rate and the process's peak memory
 * (maxRSS) for each backend and size, then the re-import (nothing to change).
 *
 * BENCH_IMPORT_SIZES (default "50000,200000"), BENCH_IMPORT_BACKENDS
 * (default "postgres,pglite"), BENCH_PG_URL as for the other scenarios.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generatedMapping, writeHelpScoutExport } from './helpscout-export.ts';

const bin = fileURLToPath(new URL('../bin/guichet.mjs', import.meta.url));

type RunResult = {
  seconds: number;
  read: number;
  created: number;
  unchanged: number;
  failed: number;
  peakMemoryMb: number;
};

const print = (label: string, value: string) =>
  process.stdout.write(`${label.padEnd(58)} ${value}\n`);

function importOnce(args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'import', 'helpscout', ...args, '--json'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0)
        return reject(new Error(`guichet import exited ${code}: ${stderr.slice(-2000)}`));
      const summary = JSON.parse(stdout) as {
        seconds: number;
        records: { read: number; created: number; unchanged: number; failed: number };
        peakMemoryMb: number;
      };
      resolve({ seconds: summary.seconds, ...summary.records, peakMemoryMb: summary.peakMemoryMb });
    });
  });
}

async function pgReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Runs the import scenario and prints its figures. */
export async function benchImport(pgUrl: string): Promise<void> {
  const sizes = (process.env.BENCH_IMPORT_SIZES ?? '50000,200000').split(',').map(Number);
  const backends = (process.env.BENCH_IMPORT_BACKENDS ?? 'postgres,pglite').split(',');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-import-'));
  const mapping = path.join(dir, 'mapping.json');
  await writeFile(mapping, JSON.stringify(generatedMapping));
  try {
    for (const size of sizes) {
      const file = path.join(dir, `export-${size}.jsonl`);
      const started = Date.now();
      await writeHelpScoutExport(file, { conversations: size, year: 2020, bodyBytes: 2000 });
      const mb = (await stat(file)).size / 1e6;
      print(
        `[import] export of ${size} conversations written`,
        `${mb.toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      for (const backend of backends) {
        let env: Record<string, string>;
        let drop = async () => {};
        if (backend === 'postgres') {
          if (!(await pgReachable(pgUrl))) {
            print('[import postgres] skipped', `server not reachable at ${pgUrl}`);
            continue;
          }
          const url = new URL(pgUrl);
          url.pathname = `/guichet_bench_${randomBytes(4).toString('hex')}`;
          env = { DATABASE_URL: url.toString() };
          drop = async () => {
            const admin = new pg.Client({ connectionString: pgUrl });
            await admin.connect();
            await admin.query(`drop database if exists "${url.pathname.slice(1)}" with (force)`);
            await admin.end();
          };
        } else {
          env = { DATA_DIR: path.join(dir, `data-${size}`) };
          drop = () => rm(env.DATA_DIR ?? '', { recursive: true, force: true });
        }
        try {
          const args = [file, '--mapping', mapping, '--errors', path.join(dir, 'errors.csv')];
          const first = await importOnce(args, env);
          print(
            `[import ${backend}] ${size} conversations (${first.created} created, ${first.failed} failed)`,
            `${(first.read / first.seconds).toFixed(0)}/s, ${first.seconds.toFixed(1)} s, peak RSS ${first.peakMemoryMb} MB`,
          );
          const again = await importOnce(args, env);
          print(
            `[import ${backend}] re-import, nothing to change (${again.unchanged} unchanged)`,
            `${(again.read / again.seconds).toFixed(0)}/s, ${again.seconds.toFixed(1)} s, peak RSS ${again.peakMemoryMb} MB`,
          );
        } finally {
          await drop();
        }
      }
      await rm(file, { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
