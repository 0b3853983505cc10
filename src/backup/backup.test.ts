/**
 * Backups on both backends: a backup restored into an empty instance gives
 * the same report (its JSON) and the same tickets, and passes `check`; a
 * non-empty target is refused without --force; a damaged or truncated
 * archive is refused with a clear error; `check` finds a deleted blob.
 */
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Backend, createServerDatabase, pgAvailable } from '../../test/backends.ts';
import { addMessage, createTicket, withDefaultConfiguration } from '../../test/factories.ts';
import { migratedDataDir } from '../../test/pglite-template.ts';
import type { DatabaseConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import type { DB } from '../db/schema.ts';
import { buildReportModel } from '../reports/model/build-report-model.ts';
import { parsePeriod } from '../reports/model/period.ts';
import { reportJson } from '../reports/render/render-json.ts';
import { createBlobStore } from '../storage/blob-store.ts';
import { createBackup, type Instance } from './backup.ts';
import { blobFileOf } from './blob-files.ts';
import { checkConsistency } from './check-consistency.ts';
import { restoreBackup } from './restore.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-backup-test-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh instance: a data folder and an (empty or migrated) database of `backend`. */
async function newInstance(backend: Backend, migrated: boolean): Promise<Instance> {
  const dataDir = await tempDir();
  let database: DatabaseConfig;
  if (backend === 'pglite') database = { kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') };
  else {
    const server = await createServerDatabase(migrated ? inject('pgTemplate') : null);
    cleanups.push(server.drop);
    database = { kind: 'postgres', url: server.url, poolSize: 2 };
  }
  // A copy of the run's migrated database (test/pglite-template.ts) instead of an initdb and every migration.
  if (migrated && backend === 'pglite') await migratedDataDir(dataDir);
  return { database, dataDir };
}

async function withDb<T>(instance: Instance, task: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  const database = await openDatabase(instance.database);
  try {
    await migrate(database.db);
    return await task(database.db);
  } finally {
    await database.close();
  }
}

const snapshot = (db: Kysely<DB>) =>
  Promise.all([
    // The report's figures (its JSON without the moment it was computed).
    buildReportModel(db, parsePeriod('2020')).then((model) => ({
      ...reportJson(model),
      generatedAt: null,
    })),
    db
      .selectFrom('tickets')
      .select(['number', 'subject', 'status', 'mailbox_id', 'created_at'])
      .orderBy('number')
      .execute(),
    db.selectFrom('attachments').select(['filename', 'sha256']).orderBy('filename').execute(),
  ]);

for (const backend of ['pglite', 'postgres'] as const) {
  describe.skipIf(backend === 'postgres' && !pgAvailable())(
    `backup and restore [${backend}]`,
    { timeout: 600_000 },
    () => {
      let source: Instance;
      let archive = '';
      let before: Awaited<ReturnType<typeof snapshot>>;
      let blobSha = '';

      it('restores a backup into an empty instance: same report, same tickets, check passes', async () => {
        source = await newInstance(backend, true);
        const store = createBlobStore(path.join(source.dataDir, 'blobs'));
        const stored = await store.put(Buffer.from('%PDF-1.4 synthetic attachment'));
        blobSha = stored.sha256;
        await withDb(source, async (db) => {
          const { partenaires = '', demandeurs = '' } = await withDefaultConfiguration(db);
          for (let i = 1; i <= 4; i++) {
            const id = await createTicket(db, {
              mailboxId: i % 2 ? partenaires : demandeurs,
              createdAt: new Date(`2020-0${i}-10T09:00:00Z`),
              subject: `Demande ${i}`,
            });
            const message = await addMessage(
              db,
              id,
              i % 2 ? partenaires : demandeurs,
              'reply',
              new Date(`2020-0${i}-10T10:00:00Z`),
            );
            if (i === 1)
              await db
                .insertInto('attachments')
                .values({
                  ticket_id: id,
                  message_id: message,
                  filename: 'piece.pdf',
                  content_type: 'application/pdf',
                  size_bytes: stored.size,
                  sha256: stored.sha256,
                })
                .execute();
          }
          before = await snapshot(db);
        });
        archive = path.join(await tempDir(), 'backup.tar');
        const manifest = await createBackup(source, archive);
        expect(manifest.backend).toBe(backend);
        expect(manifest.counts.tickets).toBe(4);
        expect(manifest.blobs.count).toBe(1);
        expect(manifest.migration.version).toBeGreaterThanOrEqual(10);

        const target = await newInstance(backend, false);
        await restoreBackup(target, archive);
        await withDb(target, async (db) => {
          const after = await snapshot(db);
          expect(after).toEqual(before);
          expect(before[1]).toHaveLength(4);
          const report = await checkConsistency(db, path.join(target.dataDir, 'blobs'));
          expect(report.problems).toEqual([]);
        });
        // A second restore into the now non-empty instance is refused, unless forced.
        await expect(restoreBackup(target, archive)).rejects.toThrow(/not empty.*--force/);
        await restoreBackup(target, archive, { force: true });
        await withDb(target, async (db) => expect(await snapshot(db)).toEqual(before));

        // `check` finds a deleted blob, naming it and what references it.
        await unlink(blobFileOf(path.join(target.dataDir, 'blobs'), blobSha));
        await withDb(target, async (db) => {
          const report = await checkConsistency(db, path.join(target.dataDir, 'blobs'));
          expect(report.problems).toEqual([
            expect.stringMatching(new RegExp(`missing blob ${blobSha} \\(attachment .* of ticket`)),
          ]);
        });
      });

      it('refuses a damaged or truncated archive, restoring nothing', async () => {
        const bytes = await readFile(archive);
        const damaged = Buffer.from(bytes);
        // A byte inside the database part (after the first 512-byte header).
        damaged[2048] = (damaged[2048] ?? 0) ^ 0xff;
        const cases: [string, Buffer, RegExp][] = [
          ['damaged.tar', damaged, /does not match its SHA-256|damaged/],
          [
            'truncated.tar',
            bytes.subarray(0, Math.floor(bytes.length / 2)),
            /damaged|cut short|truncated/,
          ],
          [
            'header.tar',
            Buffer.concat([Buffer.from('x'.repeat(100)), bytes.subarray(100)]),
            /damaged|checksum/,
          ],
          ['empty.tar', Buffer.alloc(0), /damaged|truncated|manifest/],
        ];
        for (const [name, content, message] of cases) {
          const file = path.join(path.dirname(archive), name);
          await writeFile(file, content);
          const target = await newInstance(backend, false);
          await expect(restoreBackup(target, file), name).rejects.toThrow(message);
          await expect(
            restoreBackup(target, file).catch((e: { code?: string }) => e.code),
          ).resolves.toBe('invalid_input');
          // Nothing was restored: the target is still empty (a plain restore of the good archive works).
          await restoreBackup(target, archive);
        }
      });
    },
  );
}
