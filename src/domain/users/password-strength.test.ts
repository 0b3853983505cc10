/**
 * Issue 16 §4: common and personal passwords are refused wherever a password
 * is chosen (user creation, `user passwd`, invitation, reset), with French
 * advice to use a passphrase; a refused link stays usable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/backends.ts';
import { buildTestApp, makeUser, testSecret } from '../../../test/http.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import { cliActor } from '../audit/record-audit.ts';
import { createMailSigner } from '../signing/mail-signer.ts';
import { acceptInvitation, resetPassword } from './account-links.ts';
import { createAccountToken } from './account-tokens.ts';
import { createUser, setPassword } from './manage-users.ts';
import { assertStrongPassword, passwordWeakness, personalWords } from './password-strength.ts';

const signer = createMailSigner(testSecret);
const weak = 'password1234';
const strong = 'lanterne vélo orage cartable';

/** The AppError a promise rejects with. */
async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('password strength', () => {
  it('splits e-mail and name into the words a password must not lean on', () => {
    expect(personalWords(['jeanne.dupont@bailleur.example.org', 'Jeanne Du'])).toEqual([
      'jeanne.dupont@bailleur.example.org',
      'jeanne',
      'dupont',
      'bailleur',
      'example',
      'org',
      'jeanne du',
    ]);
  });

  it('refuses common, French and personal passwords; accepts a passphrase', async () => {
    for (const password of [weak, 'azertyuiop12', 'motdepasse2024', 'Bonjour123456'])
      expect([password, await passwordWeakness(password, [])]).not.toEqual([password, undefined]);
    const jeanne = ['jeanne.dupont@bailleur.example.org', 'Jeanne Dupont'];
    for (const password of ['jeanne.dupont1', 'JeanneDupont44', 'bailleur44jeanne'])
      expect([password, await passwordWeakness(password, jeanne)]).not.toEqual([
        password,
        undefined,
      ]);
    expect(await passwordWeakness('jeanne et les lanternes du port', jeanne)).toBeUndefined();
    expect(await passwordWeakness(strong, ['jeanne.dupont@example.org'])).toBeUndefined();
    const error = await refusal(assertStrongPassword(weak, []));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^Ce mot de passe est trop facile à deviner\./);
    expect(error.message).toContain('phrase de passe');
    expect(error.details?.english).toMatch(/passphrase/);
  });
});

describe('every place a password is chosen', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('refuses a weak password at creation and at `user passwd`', async () => {
    const created = refusal(
      createUser(
        database.db,
        { email: 'weak-create@example.org', name: 'Weak', role: 'agent', password: weak },
        cliActor,
      ),
    );
    expect((await created).message).toContain('phrase de passe');
    const personal = refusal(
      createUser(
        database.db,
        {
          email: 'jeanne.dupont@example.org',
          name: 'Jeanne Dupont',
          role: 'agent',
          password: 'jeanne.dupont1',
        },
        cliActor,
      ),
    );
    expect((await personal).code).toBe('invalid_input');
    const none = await database.db
      .selectFrom('users')
      .select('id')
      .where('email', 'in', ['weak-create@example.org', 'jeanne.dupont@example.org'])
      .execute();
    expect(none).toEqual([]);
    const { email } = await makeUser(database, 'agent');
    expect((await refusal(setPassword(database.db, email, weak, cliActor))).code).toBe(
      'invalid_input',
    );
    await setPassword(database.db, email, strong, cliActor);
  });

  it('refuses a weak password from an invitation or a reset link, which stays usable', async () => {
    const invited = await database.db
      .insertInto('users')
      .values({ email: 'invited-weak@example.org', name: 'Invitée', role: 'agent' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const invitation = await createAccountToken(database.db, signer, {
      userId: invited.id,
      purpose: 'invitation',
      createdBy: null,
    });
    const app = await buildTestApp(database);
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/account/invitation',
        payload: { token: invitation.token, password: weak },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toContain('phrase de passe');
    } finally {
      await app.close();
    }
    await acceptInvitation(database.db, invitation.token, strong, null);

    const { user } = await makeUser(database, 'agent');
    const reset = await createAccountToken(database.db, signer, {
      userId: user.id,
      purpose: 'password_reset',
      createdBy: null,
    });
    expect((await refusal(resetPassword(database.db, reset.token, weak, null))).code).toBe(
      'invalid_input',
    );
    await resetPassword(database.db, reset.token, strong, null);
  });
});
