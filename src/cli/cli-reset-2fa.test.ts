/**
 * `guichet user reset-2fa EMAIL` as an administrator who lost their device runs
 * it (test/cli.ts: real processes), on the embedded database: the TOTP secret
 * and recovery codes go, the user's sessions end, an audit event says so, and
 * another administrator's second factor and session are untouched. A second
 * run finds nothing to remove (exit 5). Two processes only: each costs seconds.
 */
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliSandbox, type Env, expectFailure, expectSuccess, run } from '../../test/cli.ts';
import { migratedDataDir } from '../../test/pglite-template.ts';
import { loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { cliActor } from '../domain/audit/record-audit.ts';
import { createSession } from '../domain/sessions/sessions.ts';
import { createUser } from '../domain/users/manage-users.ts';
import {
  confirmTotpEnrolment,
  resetSecondFactor,
  startTotpEnrolment,
  totpKeyOf,
} from '../domain/users/second-factor.ts';
import { totpCode } from '../domain/users/totp.ts';

const sandbox = cliSandbox();
const key = totpKeyOf('a test instance secret, long enough for its purpose');
const password = 'a long test passphrase 42';
const policy = { idleMinutes: 60, maxHours: 12 };

/** An administrator with a confirmed second factor (10 recovery codes) and one open session. */
async function adminWithSecondFactor(database: Database, email: string): Promise<string> {
  const actor = { userId: null, label: 'test' };
  const user = await createUser(
    database.db,
    { email, name: email, role: 'admin', password },
    actor,
  );
  const { secret } = await startTotpEnrolment(database.db, key, user);
  await confirmTotpEnrolment(database.db, key, user, totpCode(secret, new Date()), actor);
  await createSession(database.db, user.id, policy, { ip: null, userAgent: null });
  return user.id;
}

describe('guichet user reset-2fa [pglite]', () => {
  let env: Env;
  const ids = { lost: '', other: '' };

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(sandbox(), 'reset-2fa-'));
    env = { DATA_DIR: path.join(dir, 'data') };
    await migratedDataDir(env.DATA_DIR ?? '');
    const database = await openDatabase(loadConfig(env).database);
    try {
      await migrate(database.db);
      ids.lost = await adminWithSecondFactor(database, 'lost.device@example.org');
      ids.other = await adminWithSecondFactor(database, 'other.admin@example.org');
    } finally {
      await database.close();
    }
  });

  it('removes the second factor, ends the sessions, is audited; a second run has nothing to do', async () => {
    // The address as typed by a tired operator: case and spaces do not matter.
    const reset = await run(['user', 'reset-2fa', ' Lost.Device@Example.org'], env);
    expectSuccess(reset);
    expect(reset.stdout).toBe(
      'Second factor removed for lost.device@example.org (1 session(s) ended): ' +
        'they log in with their password alone, and may turn it on again.\n',
    );
    expectFailure(
      await run(['user', 'reset-2fa', 'lost.device@example.org'], env),
      5,
      /^guichet: lost\.device@example\.org has no second factor\.$/m,
    );

    const database = await openDatabase(loadConfig(env).database);
    try {
      const { db } = database;
      const count = async (table: 'user_totp' | 'user_recovery_codes' | 'sessions', id: string) =>
        (await db.selectFrom(table).select('user_id').where('user_id', '=', id).execute()).length;
      expect(await count('user_totp', ids.lost)).toBe(0);
      expect(await count('user_recovery_codes', ids.lost)).toBe(0);
      expect(await count('sessions', ids.lost)).toBe(0);
      expect(await count('user_totp', ids.other)).toBe(1);
      expect(await count('user_recovery_codes', ids.other)).toBe(10);
      expect(await count('sessions', ids.other)).toBe(1);
      const events = await db
        .selectFrom('audit_events')
        .select(['actor_user_id', 'actor_label', 'target_type', 'target_id', 'details'])
        .where('action', '=', 'auth.totp_reset')
        .execute();
      expect(events).toEqual([
        {
          actor_user_id: null,
          actor_label: 'cli',
          target_type: 'user',
          target_id: ids.lost,
          details: { wasEnabled: true, recoveryCodes: 10, sessionsEnded: 1 },
        },
      ]);
      // An unknown address (same message as the other user commands; exit 4 through the CLI).
      await expect(resetSecondFactor(db, 'nobody@example.org', cliActor)).rejects.toMatchObject({
        code: 'not_found',
        message: 'No user with the e-mail nobody@example.org.',
      });
    } finally {
      await database.close();
    }
  }, 120_000);
});
