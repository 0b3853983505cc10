/** `guichet mail …` as people run it (one real process per step, test/cli.ts's cliBackend()). */
import { randomBytes } from 'node:crypto';
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
import { openDatabase } from '../db/client.ts';
import { applyDefaultConfiguration } from '../domain/configuration/apply-default-config.ts';

const sandbox = cliSandbox();

describe(`guichet mail [${cliBackend()}]`, () => {
  let env: Env;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const instance = await migratedInstance(path.join(sandbox(), 'data'));
    drop = instance.drop;
    env = { ...instance.env, MAIL_CREDENTIALS_KEY: randomBytes(32).toString('hex') };
    const database = await openDatabase(instance.database);
    await applyDefaultConfiguration(database.db);
    await database.close();
  });
  afterAll(() => drop());

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
    const withoutKey = Object.fromEntries(
      Object.entries(env).filter(([name]) => name !== 'MAIL_CREDENTIALS_KEY'),
    );
    // One process at a time: the embedded database (without PostgreSQL) belongs to one process.
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
