import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createServerDatabase, describeEachBackend } from '../../test/backends.ts';
import { openDatabase } from './client.ts';
import { checksumOf, loadMigrations, type Migration, migrate } from './migrate.ts';

const migration = (version: number, name: string, text: string): Migration => ({
  version,
  name,
  sql: text,
  checksum: checksumOf(text),
});

const tableExists = async (ctx: { db: Parameters<typeof migrate>[0] }, table: string) => {
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from information_schema.tables where table_name = ${table}`.execute(
    ctx.db,
  );
  return rows[0]?.n === 1;
};

describeEachBackend(
  'migrate',
  (ctx) => {
    it('applies every migration once, then nothing', async () => {
      const files = await loadMigrations();
      const first = await migrate(ctx.db);
      expect(first.applied.map((m) => m.version)).toEqual(files.map((m) => m.version));
      expect(await tableExists(ctx, 'tickets')).toBe(true);
      const second = await migrate(ctx.db);
      expect(second.applied).toEqual([]);
    });

    it('rolls back a migration that fails half-way and stops there', async () => {
      const files = await loadMigrations();
      const bad = migration(9001, 'half_way', 'create table half_written (id int); select 1 / 0;');
      const after = migration(9002, 'after', 'create table after_bad (id int);');
      await expect(migrate(ctx.db, [...files, bad, after])).rejects.toThrow(
        /9001_half_way failed and was rolled back/,
      );
      expect(await tableExists(ctx, 'half_written')).toBe(false);
      expect(await tableExists(ctx, 'after_bad')).toBe(false);
      const ledger = await ctx.db.selectFrom('schema_migrations').select('version').execute();
      expect(ledger.map((r) => r.version)).not.toContain(9001);
    });

    it('refuses an applied migration whose file was edited', async () => {
      const files = await loadMigrations();
      const edited = files.map((m, i) =>
        i === 0 ? { ...m, checksum: checksumOf(`${m.sql}\n-- edited`) } : m,
      );
      await expect(migrate(ctx.db, edited)).rejects.toThrow(/was edited after it was applied/);
    });

    it('refuses a database newer than the code', async () => {
      const files = await loadMigrations();
      await migrate(ctx.db, [...files, migration(9100, 'future', 'select 1;')]);
      await expect(migrate(ctx.db, files)).rejects.toThrow(/newer than the code/);
    });
  },
  { empty: true },
);

describeEachBackend(
  'migrate concurrently',
  (ctx) => {
    it('applies each migration exactly once when instances start together', async () => {
      const files = await loadMigrations();
      if (ctx.backend === 'pglite') {
        const results = await Promise.all([migrate(ctx.db), migrate(ctx.db), migrate(ctx.db)]);
        expect(results.flatMap((r) => r.applied).length).toBe(files.length);
        return;
      }
      // Three separate pools on one fresh server database: three "instances".
      const server = await createServerDatabase(null);
      const instances = await Promise.all(
        [1, 2, 3].map(() => openDatabase({ kind: 'postgres', url: server.url, poolSize: 2 })),
      );
      try {
        const results = await Promise.all(instances.map((i) => migrate(i.db)));
        expect(results.flatMap((r) => r.applied).length).toBe(files.length);
      } finally {
        await Promise.all(instances.map((i) => i.close()));
        await server.drop();
      }
    });
  },
  { empty: true },
);
