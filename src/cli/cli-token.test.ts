/**
 * `guichet token create|list|revoke` in real processes (issue 21 §1), on one
 * backend (test/cli.ts's cliBackend(); the domain is tested on both through
 * the HTTP routes): `create` prints the token alone, the database keeps its
 * hash, `list` never shows it, `revoke` ends it; wrong input is a one-line
 * failure with its exit code.
 */
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliBackend,
  cliSandbox,
  type Env,
  expectFailure,
  expectSuccess,
  migratedInstance,
  run,
} from '../../test/cli.ts';
import type { DatabaseConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { tokenHashOf } from '../domain/api-tokens/manage-tokens.ts';
import { createUser } from '../domain/users/manage-users.ts';

const sandbox = cliSandbox();
const email = 'robot.si@example.org';

describe(`guichet token [${cliBackend()}]`, () => {
  let env: Env;
  let database: DatabaseConfig;
  let drop: () => Promise<void> = async () => {};
  const guichet = (args: string[]) => run(['token', ...args], env);

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(sandbox(), 'instance-'));
    const instance = await migratedInstance(path.join(dir, 'data'));
    ({ env, drop, database } = instance);
    const opened = await openDatabase(database);
    try {
      await createUser(
        opened.db,
        { email, name: 'Robot SI', role: 'agent', password: 'a long test passphrase 42' },
        { userId: null, label: 'test' },
      );
    } finally {
      await opened.close();
    }
  }, 300_000);
  afterAll(() => drop());

  it('creates (token alone on stdout), lists and revokes; refuses wrong input', async () => {
    const created = await guichet([
      'create',
      '--user',
      email,
      '--name',
      'Entrepôt de données',
      '--scope',
      'tickets:read',
      'reports:read',
      '--expires',
      '30',
    ]);
    expectSuccess(created);
    expect(created.stdout).toMatch(/^gch_[A-Za-z0-9_-]{43}\n$/);
    const token = created.stdout.trim();

    const listed = await guichet(['list', '--json']);
    expectSuccess(listed);
    expect(listed.stdout).not.toContain(token);
    const [row] = JSON.parse(listed.stdout) as { id: number; status: string; scopes: string[] }[];
    expect(row).toMatchObject({ status: 'active', scopes: ['tickets:read', 'reports:read'] });

    const failures = await Promise.all([
      guichet(['create', '--user', email, '--name', 'x', '--scope', 'tickets:all']),
      guichet(['create', '--user', email, '--name', 'x', '--scope', 'admin']),
      guichet(['create', '--user', 'nobody@example.org', '--name', 'x', '--scope', 'tickets:read']),
      guichet([
        'create',
        '--user',
        email,
        '--name',
        'x',
        '--scope',
        'tickets:read',
        '--expires',
        '0',
      ]),
      guichet(['revoke', 'abc']),
    ]);
    expectFailure(failures[0] ?? created, 2, /tickets:all/);
    expectFailure(failures[1] ?? created, 2, /role agent cannot use the scope\(s\) admin/);
    expectFailure(failures[2] ?? created, 4, /nobody@example.org/);
    expectFailure(failures[3] ?? created, 2, /--expires/);
    expectFailure(failures[4] ?? created, 2, /token id/);

    const revoked = await guichet(['revoke', String(row?.id)]);
    expectSuccess(revoked);
    expect(revoked.stdout).toContain('Revoked token');
    expectFailure(await guichet(['revoke', String(row?.id)]), 5, /already revoked/);

    const opened = await openDatabase(database);
    try {
      const stored = await opened.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
      expect(stored.token_hash).toBe(tokenHashOf(token));
      expect(stored.revoked_at).not.toBeNull();
      const audit = await opened.db
        .selectFrom('audit_events')
        .select(['action', 'actor_label'])
        .where('target_type', '=', 'api_token')
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        { action: 'api_token.created', actor_label: 'cli' },
        { action: 'api_token.revoked', actor_label: 'cli' },
      ]);
    } finally {
      await opened.close();
    }
  }, 300_000);
});
