/**
 * Starts a real Guichet server (`node bin/guichet.mjs serve --build`) for browser tests:
 * a free port, a fresh DATA_DIR (a copy of the migrated template), and the child's output kept for assertions and diagnostics.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { migratedDataDir } from '../../test/pglite-template.ts';
import { freePort } from '../../test/ports.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const healthTimeoutMs = 120_000;
const stopGraceMs = 10_000;

/** Settings from the developer's shell that must not leak into a test server. */
const isolatedVariables = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'PUBLIC_URL',
  'SESSION_SECRET',
  'GUICHET_ADMIN_EMAIL',
  'GUICHET_ADMIN_PASSWORD',
  'TRUST_PROXY',
  'LOG_LEVEL',
];

export type StartOptions = {
  /** Extra environment, e.g. GUICHET_ADMIN_EMAIL / GUICHET_ADMIN_PASSWORD or DATABASE_URL. */
  env?: Record<string, string>;
  /** Reuse a data directory (to restart on the same data); a fresh one by default. */
  dataDir?: string;
  /** Listen on this port (e.g. the previous run's, to keep the same URL); a free one by default. */
  port?: number;
};

export type GuichetServer = {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed on stdout so far. */
  stdout(): string;
  /** Everything the server printed on stderr so far. */
  stderr(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
  stop(): Promise<void>;
  /** SIGKILL at once (a crash); resolves once the process has exited. */
  crash(): Promise<void>;
};

/**
 * A new DATA_DIR holding a copy of the run's migrated embedded database
 * (test/e2e-global-setup.ts): the server starts on it as on an empty one that
 * it had just migrated, without the initdb and every migration. `migrated:
 * false` leaves it empty (a PostgreSQL-server instance keeps only files there).
 */
export async function makeDataDir({
  migrated = true,
}: {
  migrated?: boolean;
} = {}): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'guichet-e2e-'));
  return migrated ? migratedDataDir(dataDir) : dataDir;
}

export async function removeDataDir(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
}

function tail(text: string, lines = 60): string {
  return text.split('\n').slice(-lines).join('\n');
}

function describeOutput(stdout: string, stderr: string): string {
  return `--- stdout (tail) ---\n${tail(stdout)}\n--- stderr (tail) ---\n${tail(stderr)}`;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const webBuildTimeoutMs = 600_000;

/**
 * Waits until the e2e global setup's background web build has ended (its marker file
 * written), and fails with the build's error if it failed. Outside that setup: at once.
 */
export async function webBuildReady(): Promise<void> {
  let marker = '';
  try {
    marker = inject('webBuildMarker') ?? '';
  } catch {
    return; // not inside a vitest worker
  }
  if (marker === '') return;
  const deadline = Date.now() + webBuildTimeoutMs;
  for (;;) {
    const written = await readFile(marker, 'utf8').catch(() => undefined);
    if (written !== undefined) {
      const result = JSON.parse(written) as { ok: boolean; error?: string };
      if (!result.ok) throw new Error(`The web app's build failed:\n${result.error}`);
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`The web app's build had not ended after ${webBuildTimeoutMs / 1000} s`);
    }
    await sleep(250);
  }
}

export async function startGuichet(options: StartOptions = {}): Promise<GuichetServer> {
  await webBuildReady();
  const port = options.port ?? (await freePort());
  const dataDir =
    options.dataDir ?? (await makeDataDir({ migrated: options.env?.DATABASE_URL === undefined }));
  const url = `http://127.0.0.1:${port}`;

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of isolatedVariables) delete env[name];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...options.env,
  });

  const child = spawn(process.execPath, ['bin/guichet.mjs', 'serve', '--build'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });

  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = waitForExit(child);
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
    try {
      await exited;
    } finally {
      clearTimeout(killTimer);
    }
  };

  const deadline = Date.now() + healthTimeoutMs;
  let lastProblem = 'no answer yet';
  for (;;) {
    if (spawnError !== undefined) {
      throw new Error(
        `Could not start guichet: ${spawnError.message}\n${describeOutput(stdout, stderr)}`,
      );
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `guichet serve exited before answering /healthz (code ${child.exitCode}, signal ${child.signalCode})\n${describeOutput(stdout, stderr)}`,
      );
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) break;
      lastProblem = `GET /healthz answered ${response.status}: ${await response.text()}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `guichet serve did not answer GET /healthz with 200 within ${healthTimeoutMs / 1000} s (${lastProblem})\n${describeOutput(stdout, stderr)}`,
      );
    }
    await sleep(250);
  }

  return {
    url,
    port,
    dataDir,
    stdout: () => stdout,
    stderr: () => stderr,
    stop,
    async crash() {
      const exited = waitForExit(child);
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Resolves once `predicate` holds for the server's stdout (it may print after /healthz is up). */
export async function waitForOutput(
  server: GuichetServer,
  predicate: (stdout: string) => boolean,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(server.stdout())) {
    if (Date.now() > deadline) {
      throw new Error(
        `Expected output not printed within ${timeoutMs / 1000} s\n${describeOutput(server.stdout(), server.stderr())}`,
      );
    }
    await sleep(100);
  }
  return server.stdout();
}

export function serverOutput(server: GuichetServer): string {
  return describeOutput(server.stdout(), server.stderr());
}
