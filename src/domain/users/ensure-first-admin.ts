import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { systemActor } from '../audit/record-audit.ts';
import { countActiveAdmins, createUser, findUserByEmail } from './manage-users.ts';
import { generatePassword } from './passwords.ts';

/** The login of the administrator created on first start when none is configured. */
export const defaultAdminEmail = 'admin@guichet.local';

export type FirstAdmin =
  /** Created now with a generated password: show it once. */
  | { kind: 'created'; email: string; password: string }
  /** Created now from GUICHET_ADMIN_EMAIL / GUICHET_ADMIN_PASSWORD. */
  | { kind: 'configured'; email: string }
  /** An administrator already exists. */
  | { kind: 'existing' };

/**
 * Makes sure the instance has an administrator.
 *
 * With GUICHET_ADMIN_EMAIL set, that account is created (with
 * GUICHET_ADMIN_PASSWORD) if it does not exist; an existing account is left
 * as it is. Otherwise, when no administrator exists at all, one is created
 * with a random password that the caller prints once.
 */
export async function ensureFirstAdmin(
  db: Kysely<DB>,
  configured: { email: string; password: string | undefined } | undefined,
): Promise<FirstAdmin> {
  if (configured) {
    if (await findUserByEmail(db, configured.email)) return { kind: 'existing' };
    if (!configured.password) {
      throw new AppError(
        'configuration',
        'GUICHET_ADMIN_EMAIL is set but GUICHET_ADMIN_PASSWORD is not.',
      );
    }
    try {
      await createUser(
        db,
        {
          email: configured.email,
          name: 'Administrateur',
          role: 'admin',
          password: configured.password,
        },
        systemActor,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_input') {
        throw new AppError('configuration', `GUICHET_ADMIN_EMAIL/PASSWORD: ${error.message}`);
      }
      if (error instanceof AppError && error.code === 'conflict') return { kind: 'existing' };
      throw error;
    }
    return { kind: 'configured', email: configured.email };
  }
  if ((await countActiveAdmins(db)) > 0 || (await findUserByEmail(db, defaultAdminEmail)))
    return { kind: 'existing' };
  const password = generatePassword();
  try {
    await createUser(
      db,
      { email: defaultAdminEmail, name: 'Administrateur', role: 'admin', password },
      systemActor,
    );
  } catch (error) {
    // Another instance created it at the same moment.
    if (error instanceof AppError && error.code === 'conflict') return { kind: 'existing' };
    throw error;
  }
  return { kind: 'created', email: defaultAdminEmail, password };
}
