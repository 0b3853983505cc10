/** `guichet mail …` as people run it (one real process per step, embedded database). */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliSandbox, type Env, expectFailure, expectSuccess, run } from '../../test/cli.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { applyDefaultConfiguration } from '../domain/configuration/apply-default-config.ts';

const sandbox = cliSandbox();

describe('guichet mail', () => {
  let env: Env;
  beforeAll(async () => {
    const dataDir = path.join(sandbox(), 'data');
    await mkdir(dataDir, { recursive: true });
    env = { DATA_DIR: dataDir, MAIL_CREDENTIALS_KEY: randomBytes(32).toString('hex') };
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') });
    await migrate(database.db);
    await applyDefaultConfiguration(database.db);
    await database.close();
  });

  it('shows and changes mail settings, passwords write-only', async () => {
    const input = JSON.stringify({
      imapEnabled: true,
      imapHost: 'imap.example.org',
      imapUser: 'support@example.org',
      imapPassword: 'tres-secret-password',
      ackEnabled: true,
    });
    const set = await run(['mail', 'settings', 'partenaires', '--set', '-'], env, { input });
    expectSuccess(set);
    expect(set.stdout).not.toContain('tres-secret-password');
    expect(JSON.parse(set.stdout)).toMatchObject({
      imapEnabled: true,
      hasImapPassword: true,
      ackEnabled: true,
    });
    const shown = await run(['mail', 'settings', 'partenaires'], env);
    expectSuccess(shown);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      imapHost: 'imap.example.org',
      hasImapPassword: true,
    });
  });

  it('fails clearly without the key, on bad input and on unknown names', async () => {
    const withoutKey = { DATA_DIR: env.DATA_DIR ?? '' };
    // One process at a time: the embedded database belongs to one process.
    const noKey = await run(['mail', 'settings', 'partenaires', '--set', '-'], withoutKey, {
      input: '{"smtpPassword":"x"}',
    });
    const bad = await run(['mail', 'settings', 'partenaires', '--set', '-'], env, {
      input: '{"ackSubject":"a\\r\\nBcc: x@evil.example.org"}',
    });
    const unknown = await run(['mail', 'settings', 'nope'], env);
    const badId = await run(['mail', 'reprocess', 'abc'], env);
    const empty = await run(['mail', 'dead-letters'], env);
    expectFailure(noKey, 78, /MAIL_CREDENTIALS_KEY/);
    expectFailure(bad, 2, /ackSubject/);
    expectFailure(unknown, 4, /No mailbox "nope"/);
    expectFailure(badId, 2, /positive number/);
    expectSuccess(empty);
    expect(empty.stdout).toContain('No dead letters.');
  });
});
