/**
 * The `guichet` command as people run it: one real `node bin/guichet.mjs …`
 * process per step, with its own environment, judged on its exit code and on
 * what it prints. The functional steps run on both backends (embedded PGlite
 * in DATA_DIR, and a fresh database on the PostgreSQL server).
 *
 * Each process costs a few seconds (tsx, PGlite start-up, argon2), so steps
 * are grouped into a few long tests, and independent failures run in parallel.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createServerDatabase, pgAvailable } from '../../test/backends.ts';
import { adminUrl } from '../../test/pg-settings.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { defaultConfiguration } from '../db/seed/default-config.ts';
import type { ParsedConfigDocument } from '../domain/configuration/config-document.ts';
import { verifyPassword } from '../domain/users/passwords.ts';

const bin = fileURLToPath(new URL('../../bin/guichet.mjs', import.meta.url));

type Env = Record<string, string>;
type Result = {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
};
type RunOptions = { input?: string; timeoutMs?: number };

/** Where every process runs, so that a test forgetting DATA_DIR never writes into the repository. */
let sandbox: string;

beforeAll(async () => {
  sandbox = await mkdtemp(path.join(os.tmpdir(), 'guichet-cli-'));
});

afterAll(async () => {
  await rm(sandbox, { recursive: true, force: true, maxRetries: 3 });
});

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
const show = (r: Result): string =>
  `exit ${r.code ?? r.signal}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

type Running = {
  pid: number | undefined;
  stdout(): string;
  /** Resolves once stdout matches; rejects if the process exits first or time runs out. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<Result>;
};

/** Starts `guichet …args`; killed (SIGKILL) if still running after `timeoutMs`. */
function start(
  args: string[],
  env: Env,
  { input = '', timeoutMs = 90_000 }: RunOptions = {},
): Running {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: sandbox,
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
function run(args: string[], env: Env, options: RunOptions = {}): Promise<Result> {
  return start(args, env, options).exited;
}

function expectSuccess(result: Result): void {
  expect(result.code, show(result)).toBe(0);
}

/** A failure people can act on: one `guichet:` line saying what is wrong, no stack trace, a distinct exit code. */
function expectFailure(result: Result, exitCode: number, message: RegExp): void {
  const shown = show(result);
  expect(result.code, shown).toBe(exitCode);
  expect(result.stderr, shown).toMatch(message);
  expect(result.stderr, shown).not.toContain('    at ');
  expect(result.stderr, shown).not.toContain('unexpected error');
  expect(result.stderr.match(/^guichet: /gm) ?? [], shown).toHaveLength(1);
}

const randomSecret = () => randomBytes(36).toString('base64url'); // 48 characters

async function adminQuery<T extends pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A port that nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = await listenOnSomePort();
  const { port } = server;
  await new Promise((resolve) => server.server.close(resolve));
  return port;
}

async function listenOnSomePort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

function mailboxOf(document: ParsedConfigDocument, slug: string) {
  const mailbox = document.mailboxes.find((m) => m.slug === slug);
  if (!mailbox) throw new Error(`no mailbox ${slug} in the export`);
  return mailbox;
}

function fieldOf(mailbox: ParsedConfigDocument['mailboxes'][number], key: string) {
  const field = mailbox.fields.find((f) => f.key === key);
  if (!field) throw new Error(`no field ${key} in mailbox ${mailbox.slug}`);
  return field;
}

const parseDocument = (text: string): ParsedConfigDocument =>
  JSON.parse(text) as ParsedConfigDocument;

for (const backend of backends) {
  describe.skipIf(backend === 'postgres' && !pgAvailable())(`guichet CLI [${backend}]`, () => {
    let dir: string;
    let env: Env;
    let dropDatabase: (() => Promise<void>) | undefined;
    const guichet = (args: string[], options?: RunOptions) => run(args, env, options);

    beforeAll(async () => {
      dir = await mkdtemp(path.join(sandbox, `${backend}-`));
      env = { DATA_DIR: path.join(dir, 'data') };
      if (backend === 'postgres') {
        const server = await createServerDatabase(null);
        env.DATABASE_URL = server.url;
        env.SESSION_SECRET = randomSecret();
        dropDatabase = server.drop;
      }
    });

    afterAll(async () => {
      await dropDatabase?.();
    });

    it('migrate brings a fresh database up to date, and again finds nothing to do', async () => {
      for (let round = 0; round < 2; round++) {
        const migrated = await guichet(['migrate']);
        expectSuccess(migrated);
        expect(migrated.stdout).toBe('Database schema is up to date.\n');
        expect(migrated.stderr).toBe('');
      }
      if (backend === 'pglite') {
        expect((await stat(path.join(env.DATA_DIR ?? '', 'pgdata'))).isDirectory()).toBe(true);
        // Released on exit, so that the next command can open the database.
        await expect(stat(path.join(env.DATA_DIR ?? '', 'guichet.lock'))).rejects.toMatchObject({
          code: 'ENOENT',
        });
      } else {
        const client = new pg.Client({ connectionString: env.DATABASE_URL });
        await client.connect();
        const { rows } = await client.query<{ n: string }>(
          'select count(*) as n from schema_migrations',
        );
        await client.end();
        expect(Number(rows[0]?.n)).toBeGreaterThan(0);
      }
    }, 120_000);

    it('user add, passwd, list, disable and enable', async () => {
      const alicePassword = 'correct horse battery staple';
      const added = await guichet(
        [
          'user',
          'add',
          'alice@example.org',
          '--name',
          'Alice',
          '--role',
          'supervisor',
          '--password-stdin',
        ],
        { input: `${alicePassword}\n` },
      );
      expectSuccess(added);
      expect(added.stdout).toBe('Created supervisor alice@example.org\n');

      // E-mails are compared without case.
      const again = await guichet(
        ['user', 'add', 'Alice@Example.org', '--name', 'Alice 2', '--password-stdin'],
        {
          input: alicePassword,
        },
      );
      expectFailure(
        again,
        5,
        /^guichet: A user with the e-mail alice@example\.org already exists\.$/m,
      );

      const weak = await guichet(
        ['user', 'add', 'weak@example.org', '--name', 'Weak', '--password-stdin'],
        {
          input: 'short\n',
        },
      );
      expectFailure(weak, 2, /at least 12 characters/);

      const badRole = await guichet(
        [
          'user',
          'add',
          'carol@example.org',
          '--name',
          'Carol',
          '--role',
          'king',
          '--password-stdin',
        ],
        { input: alicePassword },
      );
      expectFailure(badRole, 2, /argument 'king' is invalid.*admin, supervisor, agent, viewer/);

      const generated = await guichet([
        'user',
        'add',
        'bob@example.org',
        '--name',
        'Bob',
        '--generate',
      ]);
      expectSuccess(generated);
      expect(generated.stdout).toMatch(/^Created agent bob@example\.org\n/);
      const shown = [...generated.stdout.matchAll(/password: (\S+)/g)].map((m) => m[1]);
      expect(shown, generated.stdout).toHaveLength(1);
      const bobPassword = shown[0] ?? '';
      expect(bobPassword.length).toBeGreaterThanOrEqual(12);

      const newPassword = 'another long passphrase 42';
      const changed = await guichet(['user', 'passwd', 'alice@example.org', '--password-stdin'], {
        input: `${newPassword}\n`,
      });
      expectSuccess(changed);
      expect(changed.stdout).toBe('Password changed for alice@example.org\n');

      const unknown = await guichet(['user', 'passwd', 'nobody@example.org', '--password-stdin'], {
        input: newPassword,
      });
      expectFailure(unknown, 4, /No user with the e-mail nobody@example\.org/);

      const disabled = await guichet(['user', 'disable', 'alice@example.org']);
      expectSuccess(disabled);
      expect(disabled.stdout).toBe('Disabled alice@example.org\n');

      const listed = await guichet(['user', 'list']);
      expectSuccess(listed);
      expect(listed.stdout).toBe(
        'alice@example.org\tsupervisor\tdisabled\tAlice\tnever logged in\n' +
          'bob@example.org\tagent\tactive\tBob\tnever logged in\n',
      );

      const enabled = await guichet(['user', 'enable', 'alice@example.org']);
      expectSuccess(enabled);
      expect(enabled.stdout).toBe('Enabled alice@example.org\n');

      const json = await guichet(['user', 'list', '--json']);
      expectSuccess(json);
      expect(JSON.parse(json.stdout)).toEqual([
        {
          email: 'alice@example.org',
          name: 'Alice',
          role: 'supervisor',
          status: 'active',
          lastLogin: null,
        },
        { email: 'bob@example.org', name: 'Bob', role: 'agent', status: 'active', lastLogin: null },
      ]);
      for (const output of [listed.stdout, json.stdout]) {
        expect(output).not.toContain('$argon2');
        expect(output).not.toMatch(/hash/i);
      }

      // The only active administrator cannot be disabled: nobody could administer the instance.
      const admin = await guichet([
        'user',
        'add',
        'root@example.org',
        '--name',
        'Root',
        '--role',
        'admin',
        '--generate',
      ]);
      expectSuccess(admin);
      expectFailure(
        await guichet(['user', 'disable', 'root@example.org']),
        5,
        /last active administrator/,
      );

      // The passwords printed or given are the ones stored (checked in the database itself).
      const database = await openDatabase(loadConfig(env).database);
      try {
        const rows = await database.db
          .selectFrom('users')
          .select(['email', 'password_hash', 'disabled_at'])
          .execute();
        const hashOf = (email: string) =>
          rows.find((r) => r.email === email)?.password_hash ?? null;
        expect(await verifyPassword(hashOf('bob@example.org'), bobPassword)).toBe(true);
        expect(await verifyPassword(hashOf('alice@example.org'), newPassword)).toBe(true);
        expect(await verifyPassword(hashOf('alice@example.org'), alicePassword)).toBe(false);
        expect(rows.find((r) => r.email === 'root@example.org')?.disabled_at).toBeNull();
        expect(rows.map((r) => r.email).sort()).toEqual([
          'alice@example.org',
          'bob@example.org',
          'root@example.org',
        ]);
      } finally {
        await database.close();
      }
    }, 180_000);

    it('config export and import: round trip, an edit, and refused files that change nothing', async () => {
      // Only `serve` applies the default configuration: a database that was only migrated has none.
      const empty = await guichet(['config', 'export']);
      expectSuccess(empty);
      expect(JSON.parse(empty.stdout)).toEqual({
        format: 'guichet-config',
        version: 1,
        mailboxes: [],
        settings: {},
      });

      const defaults = path.join(dir, 'default.json');
      await writeFile(defaults, JSON.stringify(defaultConfiguration, null, 2));
      const seeded = await guichet(['config', 'import', defaults]);
      expectSuccess(seeded);
      expect(JSON.parse(seeded.stdout)).toMatchObject({ mailboxes: { created: 2, updated: 0 } });

      const exportFile = path.join(dir, 'export.json');
      const exported = await guichet(['config', 'export', '--out', exportFile]);
      expectSuccess(exported);
      expect(exported.stdout).toBe('');
      expect(exported.stderr).toBe(`Configuration written to ${exportFile}\n`);
      const document = parseDocument(await readFile(exportFile, 'utf8'));
      expect(document.format).toBe('guichet-config');
      expect(document.mailboxes.map((m) => m.name)).toEqual(['Partenaires', 'Demandeurs']);

      // Rename a value (matched by its id: renamed, not duplicated) and add an address.
      const partenaires = mailboxOf(document, 'partenaires');
      const nature = fieldOf(partenaires, 'nature');
      const [renamed] = nature.values;
      if (!renamed?.id) throw new Error('exported values carry their id');
      const oldLabel = renamed.label;
      renamed.label = 'Comptes utilisateurs (UGE)';
      partenaires.addresses.push({ address: 'partenaires@example.org', primary: true });
      const edited = path.join(dir, 'edited.json');
      await writeFile(edited, JSON.stringify(document, null, 2));
      const applied = await guichet(['config', 'import', edited]);
      expectSuccess(applied);
      expect(JSON.parse(applied.stdout)).toMatchObject({
        mailboxes: { created: 0, updated: 2 },
        values: { created: 0 },
      });

      const afterEdit = await guichet(['config', 'export']);
      expectSuccess(afterEdit);
      const current = parseDocument(afterEdit.stdout);
      const currentPartenaires = mailboxOf(current, 'partenaires');
      expect(currentPartenaires.addresses).toEqual([
        { address: 'partenaires@example.org', primary: true },
      ]);
      const currentNature = fieldOf(currentPartenaires, 'nature');
      expect(currentNature.values.find((v) => v.id === renamed.id)?.label).toBe(
        'Comptes utilisateurs (UGE)',
      );
      expect(currentNature.values.map((v) => v.label)).not.toContain(oldLabel);
      expect(currentNature.values).toHaveLength(nature.values.length);

      // Files that are refused, each with exit 2 and a message naming the problem.
      const broken = path.join(dir, 'broken.json');
      await writeFile(broken, '{ "format": "guichet-config", ');
      const notConfig = path.join(dir, 'not-config.json');
      await writeFile(notConfig, JSON.stringify({ mailboxes: 'all of them' }));
      // Valid as a whole, wrong in the second mailbox: the first one's rename must be rolled back.
      const halfway = parseDocument(afterEdit.stdout);
      mailboxOf(halfway, 'partenaires').name = 'Partenaires (renamed)';
      const [firstValue] = fieldOf(mailboxOf(halfway, 'demandeurs'), 'nature').values;
      if (!firstValue) throw new Error('demandeurs/nature has values');
      firstValue.mergedInto = 'No such value';
      const halfwayFile = path.join(dir, 'halfway.json');
      await writeFile(halfwayFile, JSON.stringify(halfway));

      // The first two fail before opening the database: they may run together even on PGlite.
      const [brokenResult, missingResult] = await Promise.all([
        guichet(['config', 'import', broken]),
        guichet(['config', 'import', path.join(dir, 'missing.json')]),
      ]);
      expectFailure(brokenResult, 2, /broken\.json is not valid JSON/);
      expectFailure(missingResult, 2, /Cannot read .*missing\.json: ENOENT/);
      expectFailure(
        await guichet(['config', 'import', notConfig]),
        2,
        /Not a valid Guichet configuration: .*format/,
      );
      expectFailure(
        await guichet(['config', 'import', halfwayFile]),
        2,
        /Field nature: "[^"]+" is merged into unknown value "No such value"/,
      );
      expectFailure(
        await guichet([
          'config',
          'export',
          '--out',
          path.join(dir, 'no-such-folder', 'export.json'),
        ]),
        2,
        /Cannot write .*no-such-folder\/export\.json: ENOENT/,
      );

      const unchanged = await guichet(['config', 'export']);
      expectSuccess(unchanged);
      expect(parseDocument(unchanged.stdout)).toEqual(current);
    }, 180_000);
  });
}

describe.skipIf(!pgAvailable())('guichet CLI [postgres]: a missing database', () => {
  it('is created by the first command', async () => {
    const name = `guichet_t_missing_${randomBytes(6).toString('hex')}`;
    const url = new URL(adminUrl());
    url.pathname = `/${name}`;
    try {
      const migrated = await run(['migrate'], {
        DATA_DIR: path.join(sandbox, 'unused'),
        DATABASE_URL: url.toString(),
      });
      expectSuccess(migrated);
      expect(migrated.stdout).toBe('Database schema is up to date.\n');
      expect(await adminQuery('select 1 from pg_database where datname = $1', [name])).toHaveLength(
        1,
      );
    } finally {
      await adminQuery(`drop database if exists "${name}" with (force)`);
    }
  }, 60_000);
});

describe('guichet --help', () => {
  it('describes each command and exits 0; a usage error exits 2', async () => {
    const env = { DATA_DIR: path.join(sandbox, 'help') };
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
    const dir = await mkdtemp(path.join(sandbox, 'settings-'));
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
    const dir = await mkdtemp(path.join(sandbox, 'serve-'));
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
