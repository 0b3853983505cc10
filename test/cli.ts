/**
 * Runs the real `guichet` command for tests: one `node bin/guichet.mjs …`
 * process per call (the compiled server in dist/server, which the global setup
 * builds when stale), with only the environment the test gives it, and helpers
 * that judge it on its exit code and output.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { type DatabaseConfig, loadConfig } from '../src/config.ts';
import type { ParsedConfigDocument } from '../src/domain/configuration/config-document.ts';
import { type Backend, createServerDatabase, pgAvailable } from './backends.ts';
import { migratedDataDir } from './pglite-template.ts';

export const bin = fileURLToPath(new URL('../bin/guichet.mjs', import.meta.url));

export type Env = Record<string, string>;
export type Result = {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
};
export type RunOptions = { input?: string; timeoutMs?: number };

/** Where every process runs, so that a test forgetting DATA_DIR never writes into the repository. */
let sandbox: string | undefined;

/**
 * Creates the folder the file's processes run in (removed after the file);
 * returns a getter for it, to use inside tests and hooks.
 */
export function cliSandbox(): () => string {
  beforeAll(async () => {
    sandbox = await mkdtemp(path.join(os.tmpdir(), 'guichet-cli-'));
  });
  afterAll(async () => {
    if (sandbox) await rm(sandbox, { recursive: true, force: true, maxRetries: 3 });
    sandbox = undefined;
  });
  return () => {
    if (!sandbox) throw new Error('the cliSandbox() folder is only there inside tests and hooks');
    return sandbox;
  };
}

/** Only what Node itself needs: the developer's own DATABASE_URL, PORT… must not leak in. */
function baseEnv(): Env {
  const env: Env = { LOG_LEVEL: 'warn' };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** Everything about a run, for assertion messages. */
export const show = (r: Result): string =>
  `exit ${r.code ?? r.signal}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

export type Running = {
  pid: number | undefined;
  stdout(): string;
  /** Resolves once stdout matches; rejects if the process exits first or time runs out. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<Result>;
};

/** Starts `guichet …args`; killed (SIGKILL) if still running after `timeoutMs`. */
export function start(
  args: string[],
  env: Env,
  { input = '', timeoutMs = 90_000 }: RunOptions = {},
): Running {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: sandbox ?? os.tmpdir(),
    env: { ...baseEnv(), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let done: Result | undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // A command that exits before reading its input closes the pipe: not a test failure.
  child.stdin.on('error', () => {});
  child.stdin.end(input);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exited = new Promise<Result>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done = { code, signal, stdout, stderr };
      resolve(done);
    });
  });
  return {
    pid: child.pid,
    stdout: () => stdout,
    async waitForOutput(pattern, waitMs) {
      const deadline = Date.now() + waitMs;
      while (!pattern.test(stdout)) {
        if (done) throw new Error(`guichet exited before printing ${pattern}\n${show(done)}`);
        if (Date.now() > deadline)
          throw new Error(`No ${pattern} after ${waitMs} ms\n${stdout}\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    kill: (signal) => child.kill(signal),
    exited,
  };
}

/** Runs `guichet …args` to completion. */
export function run(args: string[], env: Env, options: RunOptions = {}): Promise<Result> {
  return start(args, env, options).exited;
}

export function expectSuccess(result: Result): void {
  expect(result.code, show(result)).toBe(0);
}

/** A failure people can act on: one `guichet:` line saying what is wrong, no stack trace, a distinct exit code. */
export function expectFailure(result: Result, exitCode: number, message: RegExp): void {
  const shown = show(result);
  expect(result.code, shown).toBe(exitCode);
  expect(result.stderr, shown).toMatch(message);
  expect(result.stderr, shown).not.toContain('    at ');
  expect(result.stderr, shown).not.toContain('unexpected error');
  expect(result.stderr.match(/^guichet: /gm) ?? [], shown).toHaveLength(1);
}

export const randomSecret = () => randomBytes(36).toString('base64url'); // 48 characters

export const parseDocument = (text: string): ParsedConfigDocument =>
  JSON.parse(text) as ParsedConfigDocument;

/**
 * The backend of the command-line flows that do not depend on one (the
 * commands call the domain functions, tested on both backends there): the
 * PostgreSQL server when it answers, where a command starts in a fraction of
 * the time the embedded database's start-up takes; the embedded database
 * otherwise. What is the embedded database's own (its lock, its first start)
 * is tested on it by name.
 */
export function cliBackend(): Backend {
  return pgAvailable() ? 'postgres' : 'pglite';
}

export type CliInstance = {
  backend: Backend;
  /** DATA_DIR, and on the server DATABASE_URL and SESSION_SECRET. */
  env: Env;
  /** To open the database from the test (seeding, reading back); never while a process has it. */
  database: DatabaseConfig;
  /** Drops the server database (nothing to do on the embedded one, removed with its folder). */
  drop(): Promise<void>;
};

/** A migrated instance on `backend` (cliBackend() by default) whose DATA_DIR is `dataDir`. */
export async function migratedInstance(
  dataDir: string,
  backend: Backend = cliBackend(),
): Promise<CliInstance> {
  if (backend === 'pglite') {
    const env: Env = { DATA_DIR: await migratedDataDir(dataDir) };
    return { backend, env, database: loadConfig(env).database, drop: async () => {} };
  }
  const server = await createServerDatabase(inject('pgTemplate'));
  const env: Env = { DATA_DIR: dataDir, DATABASE_URL: server.url, SESSION_SECRET: randomSecret() };
  return { backend, env, database: loadConfig(env).database, drop: server.drop };
}
