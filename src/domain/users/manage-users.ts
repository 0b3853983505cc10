import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, Role, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { roleSchema } from '../../shared/contracts.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { assertStrongPassword } from './password-strength.ts';
import { assertAcceptablePassword, hashPassword } from './passwords.ts';

export const newUserSchema = z.object({
  email: z
    .email()
    .max(320)
    .transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().min(1).max(200),
  role: roleSchema,
  password: z.string(),
  language: z.enum(['fr', 'en']).default('fr'),
});
export type NewUserInput = z.input<typeof newUserSchema>;

/** Records an administrative change made to a user account. */
function auditUserChange(
  db: Kysely<DB>,
  action: string,
  actor: Actor,
  userId: string,
  details?: Record<string, unknown>,
): Promise<void> {
  return recordAudit(db, {
    action,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    ip: actor.ip,
    targetType: 'user',
    targetId: userId,
    details,
  });
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();

function invalid(error: z.ZodError): AppError {
  return new AppError(
    'invalid_input',
    error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
  );
}

/**
 * Creates a user with a password. Refuses a taken e-mail (409) and a short
 * or guessable password (400, see password-strength.ts). Audited as `user.created`.
 */
export async function createUser(
  db: Kysely<DB>,
  input: NewUserInput,
  actor: Actor,
): Promise<UserRow> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { email, name, role, password, language } = parsed.data;
  assertAcceptablePassword(password);
  await assertStrongPassword(password, [email, name]);
  const passwordHash = await hashPassword(password);
  const user = await db
    .insertInto('users')
    .values({ email, name, role, language, password_hash: passwordHash })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!user) throw new AppError('conflict', `A user with the e-mail ${email} already exists.`);
  await auditUserChange(db, 'user.created', actor, user.id, { role });
  return user;
}

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
}

async function requireUser(db: Kysely<DB>, email: string): Promise<UserRow> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new AppError('not_found', `No user with the e-mail ${normaliseEmail(email)}.`);
  return user;
}

/**
 * Sets a user's password and ends all their sessions (whoever held the old
 * password is logged out). Audited as `user.password_changed`.
 */
export async function setPassword(
  db: Kysely<DB>,
  email: string,
  password: string,
  actor: Actor,
): Promise<UserRow> {
  assertAcceptablePassword(password);
  const user = await requireUser(db, email);
  await assertStrongPassword(password, [user.email, user.name]);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await auditUserChange(trx, 'user.password_changed', actor, user.id);
  });
  return user;
}

/**
 * Disables (or re-enables) a user. Disabling kills every session of the user
 * at once, in the same transaction. Audited.
 */
export async function setUserDisabled(
  db: Kysely<DB>,
  email: string,
  disabled: boolean,
  actor: Actor,
): Promise<UserRow> {
  const user = await requireUser(db, email);
  if (
    disabled &&
    user.role === 'admin' &&
    user.disabled_at === null &&
    (await countActiveAdmins(db)) <= 1
  ) {
    throw new AppError(
      'conflict',
      'This is the last active administrator: create another one before disabling it.',
    );
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ disabled_at: disabled ? new Date() : null, updated_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await auditUserChange(trx, disabled ? 'user.disabled' : 'user.enabled', actor, user.id);
  });
  return user;
}

export async function listUsers(db: Kysely<DB>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('email').execute();
}

export async function countActiveAdmins(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin' satisfies Role)
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}
