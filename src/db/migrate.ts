/**
 * Versioned SQL migrations, the same files on PGlite and on a PostgreSQL server.
 *
 * Files are `src/db/migrations/NNNN_snake_name.sql`. Each pending migration runs
 * in its own transaction that first takes a transaction-level advisory lock, so
 * several instances starting together apply each migration exactly once; a
 * migration that fails rolls back entirely and stops the run. An applied file
 * that was edited afterwards, or a database newer than the code, is refused.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { AppError } from '../errors/app-error.ts';
import type { DB } from './schema.ts';

export type Migration = { version: number; name: string; sql: string; checksum: string };

export type MigrationResult = { applied: Migration[]; current: number };

/** Any 64-bit constant will do, as long as nothing else in the database uses it. */
const MIGRATION_LOCK_KEY = 7_318_442_015_230_011;

const fileNamePattern = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export function checksumOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads and orders the migration files of `dir`. */
export async function loadMigrations(dir: string = migrationsDir): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const fileName of names) {
    const match = fileNamePattern.exec(fileName);
    if (!match?.[1] || !match[2]) {
      throw new AppError(
        'configuration',
        `Migration file ${fileName} must be named NNNN_snake_name.sql`,
      );
    }
    const text = await readFile(`${dir}/${fileName}`, 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: match[2],
      sql: text,
      checksum: checksumOf(text),
    });
  }
  const versions = new Set(migrations.map((m) => m.version));
  if (versions.size !== migrations.length)
    throw new AppError('configuration', 'Two migrations share a version');
  return migrations;
}

const createLedger = sql`
  create table if not exists schema_migrations (
    version int primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`;

async function appliedMigrations(db: Kysely<DB>) {
  return db
    .selectFrom('schema_migrations')
    .select(['version', 'name', 'checksum'])
    .orderBy('version')
    .execute();
}

function checkHistory(
  applied: { version: number; checksum: string; name: string }[],
  known: Migration[],
): void {
  const byVersion = new Map(known.map((m) => [m.version, m]));
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (!file) {
      throw new AppError(
        'configuration',
        `The database has migration ${row.version} (${row.name}) that this version of Guichet does not know: it is newer than the code.`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new AppError(
        'configuration',
        `Migration ${row.version}_${row.name} was edited after it was applied.`,
      );
    }
  }
}

/**
 * Whether every known migration is already applied (its history checked): one
 * read instead of a locked transaction per migration, so that every command
 * and start on an up-to-date database stays quick. Applied migrations are
 * never removed, so no lock is needed to see that nothing is pending.
 */
async function upToDate(db: Kysely<DB>, known: Migration[]): Promise<boolean> {
  const ledger = await sql<{ present: boolean }>`
    select to_regclass('schema_migrations') is not null as present`.execute(db);
  if (!ledger.rows[0]?.present) return false;
  const history = await appliedMigrations(db);
  checkHistory(history, known);
  const done = new Set(history.map((row) => row.version));
  return known.every((migration) => done.has(migration.version));
}

/**
 * Applies every pending migration, in order. Safe to call from several
 * instances at once. Returns what this call applied.
 */
export async function migrate(db: Kysely<DB>, migrations?: Migration[]): Promise<MigrationResult> {
  const known = migrations ?? (await loadMigrations());
  const applied: Migration[] = [];
  if (await upToDate(db, known)) return { applied, current: known.at(-1)?.version ?? 0 };
  for (const migration of known) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(trx);
      await createLedger.execute(trx);
      const history = await appliedMigrations(trx);
      checkHistory(history, known);
      if (history.some((row) => row.version === migration.version)) return false;
      try {
        await sql.raw(migration.sql).execute(trx);
      } catch (error) {
        throw new AppError(
          'configuration',
          `Migration ${migration.version}_${migration.name} failed and was rolled back: ${(error as Error).message}`,
        );
      }
      await trx
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute();
      return true;
    });
    if (done) applied.push(migration);
  }
  return { applied, current: known.at(-1)?.version ?? 0 };
}
