/**
 * Opens Guichet's database: embedded PGlite (default) or a PostgreSQL server.
 *
 * Both return the same `Database`: a Kysely instance over the same schema, with
 * the same type parsing (int8 → number, timestamptz → Date, json → objects),
 * so the rest of the code never knows which backend it runs on.
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import { AppError } from '../errors/app-error.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import { preparedName } from './prepared.ts';
import type { DB } from './schema.ts';

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Kysely<DB>;
  close(): Promise<void>;
};

const INT8_OID = 20;

/** int8 (count(*), bigint ids) as a JS number: every value Guichet stores is far below 2^53. */
const parseInt8 = (value: string): number => Number(value);

/** PGlite extensions Guichet's migrations use; both backends must offer them. */
export const pgliteExtensions = { unaccent };

/** Wraps an existing PGlite instance (tests create them from a migrated template). */
export function databaseFromPglite(instance: PGlite, onClose?: () => Promise<void>): Database {
  const db = new Kysely<DB>({ dialect: new PgliteDialect(instance) });
  return {
    kind: 'pglite',
    db,
    close: async () => {
      await db.destroy();
      await onClose?.();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const release = await lockDataDir(path.join(path.dirname(dataDir), 'guichet.lock'));
  try {
    const instance = new PGlite(dataDir, {
      extensions: pgliteExtensions,
      parsers: { [INT8_OID]: parseInt8 },
    });
    await instance.waitReady;
    return databaseFromPglite(instance, release);
  } catch (error) {
    await release();
    throw new AppError(
      'unavailable',
      `Cannot open the embedded database in ${dataDir}: ${(error as Error).message}`,
    );
  }
}

const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function describeTarget(url: URL): string {
  return `${url.hostname}:${url.port || 5432}/${decodeURIComponent(url.pathname.slice(1))}`;
}

/** Which database a configuration opens, for people (never shows the password). */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'pglite') return `embedded database in ${config.dataDir}`;
  return `PostgreSQL at ${describeTarget(new URL(config.url))}`;
}

/** Turns a pg connection error into a message a person can act on. */
function connectionError(url: URL, error: unknown): AppError {
  const e = error as { code?: string; message?: string };
  const target = describeTarget(url);
  if (
    e.code === 'ECONNREFUSED' ||
    e.code === 'ENOTFOUND' ||
    e.code === 'EHOSTUNREACH' ||
    e.code === 'ETIMEDOUT'
  ) {
    return new AppError(
      'unavailable',
      `Cannot reach PostgreSQL at ${target} (${e.code}). Is the server running?`,
    );
  }
  if (e.code === '28P01' || e.code === '28000') {
    return new AppError(
      'unavailable',
      `PostgreSQL at ${target} refused the credentials in DATABASE_URL.`,
    );
  }
  return new AppError(
    'unavailable',
    `Cannot connect to PostgreSQL at ${target}: ${e.message ?? String(error)}`,
  );
}

/** Creates the database named in `url` when it does not exist (connecting to the `postgres` database). */
async function createDatabaseIfMissing(url: URL): Promise<void> {
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      // Identifiers cannot be bound as parameters: quote it (doubling quotes) instead.
      await client.query(`create database "${name.replaceAll('"', '""')}"`);
    }
  } catch (error) {
    // Another instance may have created it at the same moment.
    if ((error as { code?: string }).code !== '42P04') throw connectionError(url, error);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The pool's client: a statement marked in src/db/prepared.ts is sent as a
 * named prepared statement (parsed and planned once per connection).
 */
class PreparingClient extends pg.Client {
  // pg's overloads cannot be restated in a subclass; the call is passed on unchanged.
  // biome-ignore lint/suspicious/noExplicitAny: see above
  override query(config: any, values?: any, callback?: any): any {
    const name = typeof config === 'string' && Array.isArray(values) && preparedName(config);
    if (name) return super.query({ name, text: config, values }, callback);
    return super.query(config, values, callback);
  }
}

async function openPostgres(rawUrl: string, poolSize: number): Promise<Database> {
  const url = new URL(rawUrl);
  const makePool = () =>
    new pg.Pool({
      connectionString: rawUrl,
      max: poolSize,
      connectionTimeoutMillis: 5000,
      types: typeParsers,
      Client: PreparingClient,
    });
  let pool = makePool();
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    if ((error as { code?: string }).code !== '3D000') throw connectionError(url, error);
    await createDatabaseIfMissing(url);
    pool = makePool();
    try {
      await pool.query('select 1');
    } catch (retryError) {
      await pool.end().catch(() => {});
      throw connectionError(url, retryError);
    }
  }
  // An idle client that loses its server emits 'error'; without a listener that kills the process.
  pool.on('error', () => {});
  // So does a checked-out one (the pool only listens while it is idle): a server restart
  // between two queries of a transaction must fail that transaction, not the process.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgres', db, close: () => db.destroy() };
}

/** Opens the configured database. Does not migrate: call `migrate` next. */
export function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'pglite'
    ? openPglite(config.dataDir)
    : openPostgres(config.url, config.poolSize);
}
