/**
 * An agent's own profile (issue 6 §5): the signature added under their
 * e-mail replies, the language of their screens and their display
 * preferences (colour scheme, density). Nothing else of the
 * account (name, e-mail, role) can change here: that is users management.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ProfileUpdateInput } from '../../shared/directory-contracts.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

/** What a profile holds (src/presenters/profile.ts gives it to the API). */
export type Profile = {
  name: string;
  email: string;
  signature: string | null;
  language: 'fr' | 'en';
  color_scheme: 'light' | 'dark';
  density: 'comfortable' | 'compact';
};

/** The profile of `userId`; AppError('not_found') when the account is gone. */
export async function getProfile(db: Kysely<DB>, userId: string): Promise<Profile> {
  const row = await db
    .selectFrom('users')
    .select(['name', 'email', 'signature', 'language', 'color_scheme', 'density'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such user.');
  return row;
}

/** Blank signatures are stored as none; line endings become `\n`, trailing spaces go. */
const cleanSignature = (signature: string | null): string | null => {
  if (signature === null) return null;
  const text = signature
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
  return text === '' ? null : text;
};

/** Saves the given fields of the caller's own profile and returns it. */
export async function updateProfile(
  db: Kysely<DB>,
  userId: string,
  input: ProfileUpdateInput,
  actor: Actor,
): Promise<Profile> {
  await db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('users')
      .set({
        ...(input.signature !== undefined ? { signature: cleanSignature(input.signature) } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
        ...(input.colorScheme !== undefined ? { color_scheme: input.colorScheme } : {}),
        ...(input.density !== undefined ? { density: input.density } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', userId)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) throw new AppError('not_found', 'No such user.');
    await recordAudit(trx, {
      action: 'user.profile_update',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      targetType: 'user',
      targetId: userId,
      ip: actor.ip,
      details: { changed: Object.keys(input) },
    });
  });
  return getProfile(db, userId);
}
