/**
 * `guichet backup --out FILE`: one archive (POSIX tar, see ustar.ts) holding
 * the database, the file store and a manifest (manifest.ts).
 *
 * - Embedded (PGlite): the data directory as PGlite dumps it (dumpDataDir),
 *   taken while holding DATA_DIR's lock, so no other process writes meanwhile
 *   (stop `guichet serve` first: it holds the lock).
 * - Server: `pg_dump --format=custom` of an exported snapshot; the counts of
 *   the manifest are read in that same snapshot. The server may keep running.
 * Blobs are copied after the database: a blob is stored before the row that
 * references it commits, so every blob the dump references is there.
 * The archive is written to FILE.partial, fsynced, then renamed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdtemp, open, readdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import { databaseFromPglite, pgliteExtensions } from '../db/client.ts';
import { lockDataDir } from '../db/data-dir-lock.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import { hashFile, listBlobFiles } from './blob-files.ts';
import {
  countedTables,
  databasePart,
  formatVersion,
  type Manifest,
  manifestName,
} from './manifest.ts';
import { pgBinDir, runPgTool } from './pg-tools.ts';
import { writeEnd, writeEntry } from './ustar.ts';

export type Instance = { database: DatabaseConfig; dataDir: string };

type Counts = Pick<Manifest, 'counts' | 'migration'>;

async function countsOf(
  query: (text: string) => Promise<Record<string, unknown>[]>,
): Promise<Counts> {
  const counts: Record<string, number> = {};
  for (const table of countedTables) {
    const [row] = await query(`select count(*)::int as n from ${table}`);
    counts[table] = Number(row?.n ?? 0);
  }
  const [last] = await query(
    'select version, name from schema_migrations order by version desc limit 1',
  );
  if (!last) throw new AppError('invalid_input', 'The database has no Guichet schema to back up.');
  return { counts, migration: { version: Number(last.version), name: String(last.name) } };
}

/** Runs `task` on the embedded database, holding DATA_DIR's lock. */
export async function withPglite<T>(
  pgdataDir: string,
  task: (instance: PGlite, db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  const release = await lockDataDir(path.join(path.dirname(pgdataDir), 'guichet.lock'));
  try {
    const instance = new PGlite(pgdataDir, {
      extensions: pgliteExtensions,
      parsers: { 20: Number },
    });
    await instance.waitReady;
    const database = databaseFromPglite(instance);
    try {
      return await task(instance, database.db);
    } finally {
      await database.close();
    }
  } finally {
    await release();
  }
}

async function hashing(
  source: AsyncIterable<Buffer | Uint8Array>,
  hash: ReturnType<typeof createHash>,
): Promise<AsyncIterable<Buffer>> {
  return (async function* () {
    for await (const chunk of source) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      hash.update(bytes);
      yield bytes;
    }
  })();
}

/** The database part: its bytes as a file (server) or in memory (embedded), with its counts. */
async function dumpDatabase(
  instance: Instance,
  workDir: string,
): Promise<Counts & { file?: string; bytes?: Buffer; serverVersion?: string }> {
  if (instance.database.kind === 'pglite') {
    const pgdata = instance.database.dataDir;
    const present = await readdir(pgdata).then(
      (names) => names.length > 0,
      () => false,
    );
    if (!present)
      throw new AppError('invalid_input', `No embedded database in ${pgdata} to back up.`);
    return withPglite(pgdata, async (pglite, db) => {
      const counts = await countsOf(
        async (text) => (await sql.raw(text).execute(db)).rows as Record<string, unknown>[],
      );
      const dump = await pglite.dumpDataDir('gzip');
      return { ...counts, bytes: Buffer.from(await dump.arrayBuffer()) };
    });
  }
  const url = instance.database.url;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new AppError('unavailable', `Cannot connect to PostgreSQL: ${(error as Error).message}`);
  }
  try {
    const version = await client.query<{ v: string; n: string }>(
      'select current_setting($1) as v, current_setting($2) as n',
      ['server_version', 'server_version_num'],
    );
    const serverVersion = version.rows[0]?.v ?? '';
    const major = Math.floor(Number(version.rows[0]?.n ?? 0) / 10000);
    const bin = await pgBinDir(major);
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]
      ?.s;
    const counts = await countsOf(async (text) => (await client.query(text)).rows);
    const file = path.join(workDir, 'dump.pgc');
    await runPgTool(path.join(bin, 'pg_dump'), [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--snapshot=${snapshot}`,
      `--file=${file}`,
      `--dbname=${url}`,
    ]);
    await client.query('commit');
    return { ...counts, file, serverVersion };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Writes the backup of `instance` to `outFile`; returns its manifest. */
export async function createBackup(instance: Instance, outFile: string): Promise<Manifest> {
  const out = path.resolve(outFile);
  await access(path.dirname(out)).catch(() => {
    throw new AppError('invalid_input', `Cannot write ${outFile}: its folder does not exist.`);
  });
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-backup-'));
  const partial = `${out}.${randomBytes(4).toString('hex')}.partial`;
  try {
    const dumped = await dumpDatabase(instance, workDir);
    const stream = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    const parts: Manifest['parts'] = [];
    const name = databasePart[instance.database.kind];
    const hash = createHash('sha256');
    if (dumped.bytes) {
      hash.update(dumped.bytes);
      await writeEntry(stream, name, dumped.bytes.length, dumped.bytes);
      parts.push({ name, size: dumped.bytes.length, sha256: hash.digest('hex') });
    } else if (dumped.file) {
      const size = (await stat(dumped.file)).size;
      await writeEntry(stream, name, size, await hashing(createReadStream(dumped.file), hash));
      parts.push({ name, size, sha256: hash.digest('hex') });
    }

    const blobsRoot = path.join(instance.dataDir, 'blobs');
    const digest = createHash('sha256');
    const skipped: string[] = [];
    let count = 0;
    let bytes = 0;
    for (const [sha, file] of await listBlobFiles(blobsRoot)) {
      // Blobs never change: a file whose bytes do not match its name is damaged; left out, listed.
      if ((await hashFile(file)) !== sha) {
        skipped.push(sha);
        continue;
      }
      const size = (await stat(file)).size;
      await writeEntry(
        stream,
        `blobs/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`,
        size,
        createReadStream(file),
      );
      digest.update(`${sha}\n`);
      count += 1;
      bytes += size;
    }

    const manifest: Manifest = {
      format: 'guichet-backup',
      formatVersion,
      createdAt: new Date().toISOString(),
      backend: instance.database.kind,
      migration: dumped.migration,
      ...(dumped.serverVersion ? { serverVersion: dumped.serverVersion } : {}),
      counts: dumped.counts,
      blobs: { count, bytes },
      blobsDigest: digest.digest('hex'),
      skippedBlobs: skipped,
      parts,
    };
    const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await writeEntry(stream, manifestName, json.length, json);
    await writeEnd(stream);
    stream.end();
    await finished(stream);
    const handle = await open(partial, 'r');
    await handle.sync();
    await handle.close();
    await rename(partial, out);
    return manifest;
  } finally {
    await rm(partial, { force: true });
    await rm(workDir, { recursive: true, force: true });
  }
}
