import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';

/** The organisation named `name`, ignoring case and accents. */
export async function organisationByName(db: Kysely<DB>, name: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'partner_type_value_id', 'departement_value_id'])
    .where(sql<string>`unaccent(lower(name))`, '=', sql<string>`unaccent(lower(${name.trim()}))`)
    .executeTakeFirst();
}

/** Conflict when another organisation (not `exceptId`) already has this name. */
export async function assertNameFree(
  db: Kysely<DB>,
  name: string,
  exceptId: string | null,
): Promise<void> {
  const other = await organisationByName(db, name);
  if (other && other.id !== exceptId)
    throw new AppError('conflict', `An organisation named “${other.name}” already exists.`);
}
