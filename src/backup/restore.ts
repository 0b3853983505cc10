/**
 * `guichet restore FILE [--force]`: reads the whole archive into a staging
 * folder inside DATA_DIR, checking every header, the manifest and every
 * part's SHA-256 (each blob against its own name) before touching anything;
 * then refuses a non-empty target unless `--force`, and restores the database
 * (PGlite: a fresh data directory loaded from the dump, the old one kept as
 * pgdata.replaced-<time>; server: `pg_restore` into the emptied `public`
 * schema) and the blobs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, pgliteExtensions } from '../db/client.ts';
import { lockDataDir } from '../db/data-dir-lock.ts';
import { loadMigrations } from '../db/migrate.ts';
import { AppError } from '../errors/app-error.ts';
import type { Instance } from './backup.ts';
import { blobFileOf, listBlobFiles } from './blob-files.ts';
import {
  blobEntryPattern,
  databasePart,
  type Manifest,
  manifestName,
  manifestSchema,
} from './manifest.ts';
import { pgBinDir, runPgTool } from './pg-tools.ts';
import { readEntries } from './ustar.ts';

const refuse = (detail: string) =>
  new AppError('invalid_input', `The backup cannot be restored: ${detail}.`);

type Staged = { dir: string; manifest: Manifest; databaseFile: string; blobs: string[] };

/** Extracts and verifies the archive into `dir`; throws before anything is restored. */
async function stage(file: string, dir: string): Promise<Staged> {
  const hashes = new Map<string, { sha256: string; size: number }>();
  const blobs: string[] = [];
  let manifestText: string | undefined;
  let input: ReturnType<typeof createReadStream>;
  try {
    await stat(file);
    input = createReadStream(file);
  } catch {
    throw new AppError('invalid_input', `Cannot read ${file}.`);
  }
  for await (const entry of readEntries(input)) {
    const blob = blobEntryPattern.exec(entry.name);
    const known = entry.name === manifestName || Object.values(databasePart).includes(entry.name);
    if (!blob && !known) throw refuse(`unexpected entry "${entry.name.slice(0, 120)}"`);
    if (hashes.has(entry.name)) throw refuse(`entry ${entry.name} appears twice`);
    if (entry.name === manifestName) {
      if (entry.size > 10_000_000) throw refuse('the manifest is too large');
      const chunks: Buffer[] = [];
      for await (const chunk of entry.content) chunks.push(chunk);
      manifestText = Buffer.concat(chunks).toString('utf8');
      hashes.set(entry.name, { sha256: '', size: entry.size });
      continue;
    }
    const target = path.join(dir, entry.name);
    await mkdir(path.dirname(target), { recursive: true });
    const out = createWriteStream(target, { flags: 'wx', mode: 0o600 });
    const hash = createHash('sha256');
    for await (const chunk of entry.content) {
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    out.end();
    await finished(out);
    const sha256 = hash.digest('hex');
    if (blob) {
      if (sha256 !== blob[3]) throw refuse(`blob ${blob[3]} does not match its content (damaged)`);
      blobs.push(sha256);
    }
    hashes.set(entry.name, { sha256, size: entry.size });
  }
  if (manifestText === undefined) throw refuse('it has no manifest (not a Guichet backup?)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifestText);
  } catch {
    throw refuse('its manifest is not valid JSON');
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success)
    throw refuse(
      `its manifest is not one this version reads (${result.error.issues[0]?.path.join('.') ?? ''})`,
    );
  const manifest = result.data;
  for (const part of manifest.parts) {
    const got = hashes.get(part.name);
    if (!got) throw refuse(`part ${part.name} is missing`);
    if (got.sha256 !== part.sha256 || got.size !== part.size)
      throw refuse(`part ${part.name} does not match its SHA-256 in the manifest (damaged)`);
  }
  for (const name of hashes.keys())
    if (
      name !== manifestName &&
      !blobEntryPattern.test(name) &&
      !manifest.parts.some((p) => p.name === name)
    )
      throw refuse(`part ${name} is not in the manifest`);
  const digest = createHash('sha256');
  for (const sha of [...blobs].sort()) digest.update(`${sha}\n`);
  if (blobs.length !== manifest.blobs.count || digest.digest('hex') !== manifest.blobsDigest)
    throw refuse('its blobs are not the ones listed in the manifest');
  const databaseFile = path.join(dir, databasePart[manifest.backend]);
  if (!hashes.has(databasePart[manifest.backend])) throw refuse('it holds no database');
  return { dir, manifest, databaseFile, blobs };
}

/** What makes the target non-empty, or null. */
async function whatIsThere(instance: Instance): Promise<string | null> {
  const blobCount = (await listBlobFiles(path.join(instance.dataDir, 'blobs'))).length;
  if (instance.database.kind === 'pglite') {
    const names = await readdir(instance.database.dataDir).catch(() => [] as string[]);
    if (names.length > 0) return `an embedded database in ${instance.database.dataDir}`;
  } else {
    const client = new pg.Client({
      connectionString: instance.database.url,
      connectionTimeoutMillis: 5000,
    });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        "select count(*)::int as n from pg_tables where schemaname = 'public'",
      );
      if ((rows[0]?.n ?? 0) > 0) return `${rows[0]?.n} table(s) in the server database`;
    } finally {
      await client.end().catch(() => {});
    }
  }
  return blobCount > 0 ? `${blobCount} file(s) in ${path.join(instance.dataDir, 'blobs')}` : null;
}

async function restoreDatabase(instance: Instance, staged: Staged, force: boolean): Promise<void> {
  if (instance.database.kind === 'pglite') {
    const pgdata = instance.database.dataDir;
    const release = await lockDataDir(path.join(path.dirname(pgdata), 'guichet.lock'));
    try {
      if (force && (await readdir(pgdata).catch(() => [])).length > 0)
        await rename(
          pgdata,
          `${pgdata}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`,
        );
      const dump = await readFile(staged.databaseFile);
      const restored = new PGlite(pgdata, {
        extensions: pgliteExtensions,
        loadDataDir: new Blob([dump]),
      });
      await restored.waitReady;
      await restored.close();
    } finally {
      await release();
    }
    return;
  }
  const url = instance.database.url;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  let major = 0;
  try {
    major = Math.floor(
      Number(
        (await client.query<{ n: string }>("select current_setting('server_version_num') as n"))
          .rows[0]?.n,
      ) / 10000,
    );
    if (force) await client.query('drop schema if exists public cascade; create schema public');
  } finally {
    await client.end().catch(() => {});
  }
  const bin = await pgBinDir(major);
  await runPgTool(path.join(bin, 'pg_restore'), [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
    `--dbname=${url}`,
    staged.databaseFile,
  ]);
}

/** Restores `file` into `instance`; returns the manifest of what was restored. */
export async function restoreBackup(
  instance: Instance,
  file: string,
  options: { force?: boolean } = {},
): Promise<Manifest> {
  await mkdir(instance.dataDir, { recursive: true });
  const dir = path.join(instance.dataDir, `.restore-${randomBytes(6).toString('hex')}`);
  await mkdir(dir, { mode: 0o700 });
  try {
    const staged = await stage(file, dir);
    const { manifest } = staged;
    if (manifest.backend !== instance.database.kind)
      throw refuse(
        manifest.backend === 'pglite'
          ? 'it is a backup of an embedded database, and this instance uses a PostgreSQL server (DATABASE_URL)'
          : 'it is a backup of a PostgreSQL server, and this instance uses the embedded database (no DATABASE_URL)',
      );
    const latest = Math.max(...(await loadMigrations()).map((m) => m.version));
    if (manifest.migration.version > latest)
      throw refuse(
        `it comes from a newer Guichet (migration ${manifest.migration.version}); upgrade first`,
      );
    // A server database that does not exist yet is created (empty).
    if (instance.database.kind === 'postgres')
      await (await openDatabase(instance.database)).close();
    const there = await whatIsThere(instance);
    if (there && !options.force)
      throw new AppError(
        'conflict',
        `The target is not empty (${there}). Restore into an empty instance, or add --force to replace it.`,
      );
    await restoreDatabase(instance, staged, options.force === true);
    const blobsRoot = path.join(instance.dataDir, 'blobs');
    for (const sha of staged.blobs) {
      const target = blobFileOf(blobsRoot, sha);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(path.join(dir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha), target);
    }
    return manifest;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
