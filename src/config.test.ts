import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertStrongSecret,
  type Config,
  ensureDataDir,
  isLocalOnly,
  loadConfig,
  parseDatabaseUrl,
  resolveSessionSecret,
} from './config.ts';
import { AppError } from './errors/app-error.ts';

/** Runs `action` and returns the AppError it throws (fails the test otherwise). */
function configurationError(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('configuration');
    return error as AppError;
  }
  throw new Error('expected a configuration error');
}

async function rejectedWith(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('configuration');
  return error as AppError;
}

const strongSecret = () => randomBytes(48).toString('base64url');

describe('loadConfig', () => {
  it('has defaults that work with an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(path.isAbsolute(config.dataDir)).toBe(true);
    expect(config.database).toEqual({
      kind: 'pglite',
      dataDir: path.join(path.resolve('./data'), 'pgdata'),
    });
    expect(config.publicUrl.toString()).toBe('http://localhost:3000/');
    expect(config.sessionSecret).toBeUndefined();
    expect(config.sessionIdleMinutes).toBe(480);
    expect(config.sessionMaxHours).toBe(168);
    expect(config.admin).toBeUndefined();
    expect(config.trustProxy).toEqual([]);
    expect(config.logLevel).toBe('info');
  });

  it('runs one web process unless WEB_PROCESSES asks for more, which needs a PostgreSQL server', () => {
    expect(loadConfig({}).webProcesses).toBe(1);
    const url = 'postgres://guichet@127.0.0.1:5432/guichet';
    expect(loadConfig({ DATABASE_URL: url, WEB_PROCESSES: '4' }).webProcesses).toBe(4);
    expect(() => loadConfig({ WEB_PROCESSES: '2' })).toThrow(/needs a PostgreSQL server/);
    expect(() => loadConfig({ DATABASE_URL: url, WEB_PROCESSES: '0' })).toThrow(/WEB_PROCESSES/);
    expect(() => loadConfig({ DATABASE_URL: url, WEB_PROCESSES: '65' })).toThrow(/WEB_PROCESSES/);
  });

  it('reads every setting from the environment it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/srv/guichet',
      PUBLIC_URL: 'https://guichet.example.org',
      SESSION_IDLE_MINUTES: '60',
      SESSION_MAX_HOURS: '24',
      GUICHET_ADMIN_EMAIL: ' Admin@Example.ORG ',
      GUICHET_ADMIN_PASSWORD: 'a long admin password',
      TRUST_PROXY: '10.0.0.1, 10.0.0.2,,',
      LOG_LEVEL: 'warn',
    });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe(path.resolve('/srv/guichet'));
    expect(config.database).toEqual({
      kind: 'pglite',
      dataDir: path.join(path.resolve('/srv/guichet'), 'pgdata'),
    });
    expect(config.publicUrl.origin).toBe('https://guichet.example.org');
    expect(config.sessionIdleMinutes).toBe(60);
    expect(config.sessionMaxHours).toBe(24);
    expect(config.admin).toEqual({ email: 'admin@example.org', password: 'a long admin password' });
    expect(config.trustProxy).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(config.logLevel).toBe('warn');
  });

  it('derives the default PUBLIC_URL from PORT', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl.toString()).toBe('http://localhost:8080/');
  });

  it('rejects a PORT that is not a port number', () => {
    for (const port of ['abc', '70000', '-1', '80.5']) {
      expect(configurationError(() => loadConfig({ PORT: port })).message).toMatch(
        /^Invalid settings: PORT: /,
      );
    }
  });

  it('treats an empty variable as unset (PORT= does not mean a random port)', () => {
    // `PORT=` is what `docker run -e PORT` or a blank line in an env file gives.
    const config = loadConfig({
      PORT: '',
      DATA_DIR: '',
      HOST: '',
      LOG_LEVEL: '',
      SESSION_SECRET: '',
    });
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.host).toBe('127.0.0.1');
    expect(config.logLevel).toBe('info');
    expect(config.sessionSecret).toBeUndefined();
  });

  it('rejects other invalid values with the name of the setting', () => {
    expect(configurationError(() => loadConfig({ LOG_LEVEL: 'verbose' })).message).toMatch(
      /LOG_LEVEL/,
    );
    expect(configurationError(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).message).toMatch(
      /DATABASE_POOL_SIZE/,
    );
    expect(configurationError(() => loadConfig({ SESSION_IDLE_MINUTES: 'soon' })).message).toMatch(
      /SESSION_IDLE_MINUTES/,
    );
  });

  it('rejects an invalid PUBLIC_URL and one that is not http(s)', () => {
    expect(
      configurationError(() => loadConfig({ PUBLIC_URL: 'guichet.example.org' })).message,
    ).toMatch(/PUBLIC_URL is not a valid URL/);
    expect(
      configurationError(() => loadConfig({ PUBLIC_URL: 'ftp://guichet.example.org' })).message,
    ).toMatch(/PUBLIC_URL must be an http:\/\/ or https:\/\/ URL/);
  });

  it('switches to the PostgreSQL server when DATABASE_URL is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://guichet:s3cret@db.example.org:5433/guichet',
      DATABASE_POOL_SIZE: '4',
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://guichet:s3cret@db.example.org:5433/guichet',
      poolSize: 4,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/guichet' }).database).toMatchObject({
      poolSize: 10,
    });
  });

  it('reports a bad DATABASE_URL as a configuration error', () => {
    expect(configurationError(() => loadConfig({ DATABASE_URL: 'not a url' })).message).toMatch(
      /DATABASE_URL is not a valid URL/,
    );
  });
});

describe('parseDatabaseUrl', () => {
  it('accepts postgres:// and postgresql:// URLs naming a database', () => {
    expect(parseDatabaseUrl('postgres://u:p@host:5432/guichet').pathname).toBe('/guichet');
    expect(
      parseDatabaseUrl('postgresql://host/guichet?sslmode=require').searchParams.get('sslmode'),
    ).toBe('require');
    expect(parseDatabaseUrl('postgres://host/guichet%20test').pathname).toBe('/guichet%20test');
  });

  it('rejects what is not a URL, with the expected shape', () => {
    for (const raw of ['not a url', '', 'localhost:5432/guichet']) {
      const message = configurationError(() => parseDatabaseUrl(raw)).message;
      expect(message).toMatch(/not a valid URL|must start with postgres/);
      expect(message).toMatch(/postgres/);
    }
  });

  it('rejects another scheme, naming it', () => {
    expect(configurationError(() => parseDatabaseUrl('mysql://x/y')).message).toBe(
      'DATABASE_URL must start with postgres:// or postgresql:// (got mysql://)',
    );
    expect(
      configurationError(() => parseDatabaseUrl('https://db.example.org/guichet')).message,
    ).toMatch(/got https:/);
  });

  it('rejects a URL without a database name', () => {
    for (const raw of [
      'postgres://host',
      'postgres://host/',
      'postgres://host:5432',
      'postgres://host/a/b',
    ]) {
      expect(configurationError(() => parseDatabaseUrl(raw)).message).toMatch(
        /must name a database/,
      );
    }
  });
});

describe('assertStrongSecret', () => {
  it('accepts a long random secret', () => {
    expect(() => assertStrongSecret(strongSecret())).not.toThrow();
    expect(() => assertStrongSecret('0123456789abcdefghijklmnopqrstuv')).not.toThrow();
  });

  it('rejects short, repetitive and placeholder secrets', () => {
    for (const weak of [
      '',
      'short',
      strongSecret().slice(0, 31),
      'a'.repeat(40),
      'abababababababababababababababababab',
      'changeme',
      'CHANGEME',
      'secret',
    ]) {
      expect(configurationError(() => assertStrongSecret(weak)).message).toMatch(
        /SESSION_SECRET is too weak/,
      );
    }
  });
});

describe('ensureDataDir and resolveSessionSecret', () => {
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'guichet-config-'));
  });

  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  const embedded = (dataDir: string, env: NodeJS.ProcessEnv = {}): Config =>
    loadConfig({ DATA_DIR: dataDir, ...env });

  it('creates DATA_DIR, nested folders included', async () => {
    const dataDir = path.join(tmp, 'a', 'b', 'data');
    await ensureDataDir(dataDir);
    expect((await stat(dataDir)).isDirectory()).toBe(true);
    await ensureDataDir(dataDir); // already there: fine
  });

  it('explains a DATA_DIR that cannot be created', async () => {
    // Root ignores permissions, so use a path under a regular file.
    const file = path.join(tmp, 'a-file');
    await writeFile(file, '');
    const error = await rejectedWith(ensureDataDir(path.join(file, 'data')));
    expect(error.message).toMatch(/^DATA_DIR .*a-file\/data is not writable \(ENOTDIR\)/);
  });

  it('generates the embedded secret once, mode 0600, and reuses it', async () => {
    const dataDir = path.join(tmp, 'embedded');
    const first = await resolveSessionSecret(embedded(dataDir));
    expect(() => assertStrongSecret(first)).not.toThrow();

    const file = path.join(dataDir, 'session-secret');
    expect((await readFile(file, 'utf8')).trim()).toBe(first);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);

    expect(await resolveSessionSecret(embedded(dataDir))).toBe(first);
  });

  it('gives every concurrent first start the same embedded secret', async () => {
    // Several instances, or `serve` and a CLI command, starting together on a new DATA_DIR.
    const dataDir = path.join(tmp, 'race');
    await ensureDataDir(dataDir);
    const secrets = await Promise.all(
      Array.from({ length: 5 }, () => resolveSessionSecret(embedded(dataDir))),
    );
    expect(new Set(secrets).size).toBe(1);
    expect((await readFile(path.join(dataDir, 'session-secret'), 'utf8')).trim()).toBe(secrets[0]);
    expect(await readdir(dataDir)).toEqual(['session-secret']); // no temporary file left
  });

  it('refuses a weak secret stored in DATA_DIR', async () => {
    const dataDir = path.join(tmp, 'tampered');
    await ensureDataDir(dataDir);
    await writeFile(path.join(dataDir, 'session-secret'), 'changeme\n');
    await chmod(path.join(dataDir, 'session-secret'), 0o600);
    const error = await rejectedWith(resolveSessionSecret(embedded(dataDir)));
    expect(error.message).toMatch(
      /tampered\/session-secret holds a secret that is too weak: delete the file/,
    );
  });

  it('uses SESSION_SECRET when set, and checks it', async () => {
    const secret = strongSecret();
    const dataDir = path.join(tmp, 'explicit');
    expect(await resolveSessionSecret(embedded(dataDir, { SESSION_SECRET: secret }))).toBe(secret);
    // Nothing written: the secret lives in the environment.
    await expect(stat(path.join(dataDir, 'session-secret'))).rejects.toMatchObject({
      code: 'ENOENT',
    });

    for (const weak of ['changeme', 'too-short', 'a'.repeat(40)]) {
      const error = await rejectedWith(
        resolveSessionSecret(embedded(dataDir, { SESSION_SECRET: weak })),
      );
      expect(error.message).toMatch(/SESSION_SECRET is too weak/);
    }
  });

  it('requires SESSION_SECRET when Guichet is reachable from other machines', async () => {
    for (const [name, env] of [
      ['public', { PUBLIC_URL: 'https://guichet.example.org' }],
      ['all-interfaces', { HOST: '0.0.0.0' }],
      [
        'server',
        {
          DATABASE_URL: 'postgres://db.example.org/guichet',
          PUBLIC_URL: 'https://guichet.example.org',
        },
      ],
    ] as const) {
      const dataDir = path.join(tmp, `reachable-${name}`);
      const config = loadConfig({ DATA_DIR: dataDir, ...env });
      const error = await rejectedWith(resolveSessionSecret(config));
      expect(error.message).toMatch(
        /SESSION_SECRET is required when Guichet is reachable from other machines/,
      );
      // Generating one per instance would log users out when the load balancer switches: nothing on disk.
      await expect(stat(path.join(dataDir, 'session-secret'))).rejects.toMatchObject({
        code: 'ENOENT',
      });
      const secret = strongSecret();
      expect(await resolveSessionSecret({ ...config, sessionSecret: secret })).toBe(secret);
    }
  });

  it('generates and keeps a secret for a local run on a PostgreSQL server too', async () => {
    const dataDir = path.join(tmp, 'local-server');
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://127.0.0.1/guichet' });
    const first = await resolveSessionSecret(config);
    expect(await resolveSessionSecret(config)).toBe(first);
    expect(isLocalOnly(config)).toBe(true);
    expect(isLocalOnly(loadConfig({ HOST: '127.0.0.2', PUBLIC_URL: 'http://[::1]:3000' }))).toBe(
      true,
    );
    expect(isLocalOnly(loadConfig({ PUBLIC_URL: 'http://localhost.example.org' }))).toBe(false);
  });
});
