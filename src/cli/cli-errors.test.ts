/**
 * How the `guichet` command fails and stops: help and usage errors, bad
 * settings (one clear line, a distinct exit code, no stack trace), a busy
 * port, the embedded database held while `serve` runs, and SIGTERM.
 */
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cliSandbox,
  type Env,
  expectFailure,
  expectSuccess,
  parseDocument,
  type Result,
  run,
  show,
  start,
} from '../../test/cli.ts';
import { freePort, listenOnSomePort } from '../../test/ports.ts';

const sandbox = cliSandbox();

describe('guichet --help', () => {
  it('describes each command and exits 0; a usage error exits 2', async () => {
    const env = { DATA_DIR: path.join(sandbox(), 'help') };
    const [main, user, userAdd, configImport, unknown, missingOption] = await Promise.all([
      run(['--help'], env),
      run(['user', '--help'], env),
      run(['user', 'add', '--help'], env),
      run(['config', 'import', '--help'], env),
      run(['bogus'], env),
      run(['user', 'add', 'alice@example.org'], env),
    ]);
    for (const result of [main, user, userAdd, configImport]) {
      expectSuccess(result);
      expect(result.stderr).toBe('');
    }
    expect(main.stdout).toMatch(/^Usage: guichet \[options\] \[command\]/);
    for (const command of ['serve', 'migrate', 'user', 'config'])
      expect(main.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));

    expect(user.stdout).toMatch(/^Usage: guichet user /);
    expect(user.stdout).toContain('manage the people who log in to Guichet');
    for (const command of ['add', 'passwd', 'list', 'disable', 'enable'])
      expect(user.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));

    expect(userAdd.stdout).toMatch(/^Usage: guichet user add \[options\] <email>/);
    for (const option of ['--name <name>', '--role <role>', '--password-stdin', '--generate'])
      expect(userAdd.stdout).toContain(option);
    expect(userAdd.stdout).toContain('"admin", "supervisor"');

    expect(configImport.stdout).toMatch(/^Usage: guichet config import \[options\] <file>/);
    expect(configImport.stdout).toContain('all or nothing');

    expect(unknown.code, show(unknown)).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'bogus'");
    expect(missingOption.code, show(missingOption)).toBe(2);
    expect(missingOption.stderr).toContain("required option '--name <name>' not specified");
  }, 60_000);
});

describe('bad settings', () => {
  it('each fails with one clear line and its own exit code', async () => {
    const dir = await mkdtemp(path.join(sandbox(), 'settings-'));
    const dataDir = path.join(dir, 'data');
    const aFile = path.join(dir, 'a-file');
    await writeFile(aFile, '');
    // Nothing listens on port 1: the settings are checked before any connection.
    const unreachable = 'postgres://postgres@127.0.0.1:1/guichet';
    const cases: { args: string[]; env: Env; exit: number; message: RegExp }[] = [
      {
        args: ['migrate'],
        env: { DATA_DIR: dataDir, DATABASE_URL: 'not a url' },
        exit: 78,
        message: /^guichet: DATABASE_URL is not a valid URL\. Expected postgres:\/\//m,
      },
      {
        args: ['migrate'],
        env: { DATA_DIR: dataDir, DATABASE_URL: 'mysql://x/y' },
        exit: 78,
        message: /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/ \(got mysql:\/\/\)/,
      },
      {
        args: ['migrate'],
        env: { DATA_DIR: dataDir, DATABASE_URL: unreachable },
        exit: 69,
        message: /Cannot reach PostgreSQL at 127\.0\.0\.1:1\/guichet \(ECONNREFUSED\)/,
      },
      {
        // Root ignores permissions: a folder under a regular file cannot exist for anyone.
        args: ['user', 'list'],
        env: { DATA_DIR: path.join(aFile, 'sub') },
        exit: 78,
        message: /DATA_DIR .*a-file\/sub is not writable/,
      },
      {
        args: ['serve'],
        env: {
          DATA_DIR: dataDir,
          DATABASE_URL: unreachable,
          PUBLIC_URL: 'https://guichet.example.org',
        },
        exit: 78,
        message: /SESSION_SECRET is required when Guichet is reachable from other machines/,
      },
      {
        args: ['serve'],
        env: { DATA_DIR: dataDir, DATABASE_URL: unreachable, SESSION_SECRET: 'changeme' },
        exit: 78,
        message: /SESSION_SECRET is too weak/,
      },
      {
        args: ['serve'],
        env: { DATA_DIR: dataDir, PORT: 'abc' },
        exit: 78,
        message: /Invalid settings: PORT: /,
      },
    ];
    const results = await Promise.all(cases.map((c) => run(c.args, c.env)));
    for (const [index, c] of cases.entries()) {
      const result = results[index];
      if (!result) throw new Error('one result per case');
      expectFailure(result, c.exit, c.message);
    }
  }, 120_000);
});

describe('guichet serve [pglite]', () => {
  it('reports a busy port, holds the embedded database while running, and stops on SIGTERM', async () => {
    const dir = await mkdtemp(path.join(sandbox(), 'serve-'));
    const env: Env = { DATA_DIR: path.join(dir, 'data') };

    const blocker = await listenOnSomePort();
    let busy: Result;
    try {
      busy = await run(['serve'], { ...env, PORT: String(blocker.port) }, { timeoutMs: 120_000 });
    } finally {
      await new Promise((resolve) => blocker.server.close(resolve));
    }
    expectFailure(
      busy,
      78,
      new RegExp(`Port ${blocker.port} on 127\\.0\\.0\\.1 is already in use`),
    );
    // The first administrator was created before the port turned out busy: its password is shown all the same.
    expect(busy.stdout, show(busy)).toMatch(
      /^ {2}e-mail: {3}admin@guichet\.local\n {2}password: \S{12,}$/m,
    );
    await expect(stat(path.join(dir, 'data', 'guichet.lock'))).rejects.toMatchObject({
      code: 'ENOENT',
    });

    const port = await freePort();
    const server = start(['serve'], { ...env, PORT: String(port) }, { timeoutMs: 180_000 });
    try {
      await server.waitForOutput(/Guichet is running/, 90_000);
      expect(server.stdout()).toContain(`Guichet is running on http://localhost:${port}`);
      expect(server.stdout()).not.toContain('password:'); // the administrator exists already
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      const locked = await run(['user', 'list'], env);
      expectFailure(
        locked,
        5,
        new RegExp(`in use by another Guichet process \\(pid ${server.pid}\\)`),
      );
    } finally {
      server.kill('SIGTERM');
    }
    const stopped = await server.exited;
    expect(stopped.code, show(stopped)).toBe(0);
    expect(stopped.stdout).toContain('Stopping Guichet (SIGTERM)');

    const listed = await run(['user', 'list'], env);
    expectSuccess(listed);
    expect(listed.stdout).toMatch(/^admin@guichet\.local\tadmin\tactive\t/m);

    // `serve` applied the default configuration on its first start.
    const exported = await run(['config', 'export'], env);
    expectSuccess(exported);
    expect(parseDocument(exported.stdout).mailboxes.map((m) => m.name)).toEqual([
      'Partenaires',
      'Demandeurs',
    ]);
  }, 300_000);
});
