/**
 * The `guichet` user and config commands as people run them (test/cli.ts
 * starts one real process per step). `migrate` runs on both backends (embedded PGlite in
 * DATA_DIR, and a fresh database on the PostgreSQL server); the functional steps on one.
 *
 * Each process costs a second or more (PGlite start-up, argon2), so steps
 * are grouped into a few long tests, and independent failures run in parallel.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createServerDatabase, pgAvailable } from '../../test/backends.ts';
import {
  cliBackend,
  cliSandbox,
  type Env,
  expectFailure,
  expectSuccess,
  parseDocument,
  type RunOptions,
  randomSecret,
  run,
} from '../../test/cli.ts';
import { adminQuery, adminUrl } from '../../test/pg-settings.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import type { ParsedConfigDocument } from '../domain/configuration/config-document.ts';
import { defaultConfiguration } from '../domain/configuration/default-config.ts';
import { verifyPassword } from '../domain/users/passwords.ts';

const sandbox = cliSandbox();

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

for (const backend of backends) {
  describe.skipIf(backend === 'postgres' && !pgAvailable())(`guichet CLI [${backend}]`, () => {
    let dir: string;
    let env: Env;
    let dropDatabase: (() => Promise<void>) | undefined;
    const guichet = (args: string[], options?: RunOptions) => run(args, env, options);

    beforeAll(async () => {
      dir = await mkdtemp(path.join(sandbox(), `${backend}-`));
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

    // The steps below act through the same domain functions as the API, tested on both
    // backends there; each process costs seconds, so they run on one backend, test/cli.ts's
    // cliBackend() (the server when it answers: its processes start several times faster).
    it.skipIf(backend !== cliBackend())(
      'user add, passwd, list, disable and enable',
      async () => {
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
        // A common password is refused in English, with advice (issue 16 §4).
        const common = await guichet(
          ['user', 'add', 'common@example.org', '--name', 'Common', '--password-stdin'],
          { input: 'password1234\n' },
        );
        expectFailure(common, 2, /^guichet: This password is too easy to guess\. .*passphrase/m);

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

        const unknown = await guichet(
          ['user', 'passwd', 'nobody@example.org', '--password-stdin'],
          {
            input: newPassword,
          },
        );
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
          {
            email: 'bob@example.org',
            name: 'Bob',
            role: 'agent',
            status: 'active',
            lastLogin: null,
          },
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
      },
      // A dozen processes; each new password also loads the strength dictionaries (issue 16 §4).
      300_000,
    );

    it.skipIf(backend !== cliBackend())(
      'config export and import: round trip, an edit, and refused files that change nothing',
      async () => {
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
      },
      180_000,
    );
  });
}

describe.skipIf(!pgAvailable())('guichet CLI [postgres]: a missing database', () => {
  it('is created by the first command', async () => {
    const name = `guichet_t_missing_${randomBytes(6).toString('hex')}`;
    const url = new URL(adminUrl());
    url.pathname = `/${name}`;
    try {
      const migrated = await run(['migrate'], {
        DATA_DIR: path.join(sandbox(), 'unused'),
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
