/**
 * `guichet import …` as people run it, one real process per step (test/cli.ts),
 * on both backends: dry run, import with an error report, re-import, totals;
 * a run killed half-way (server only: the test watches it from outside); and the
 * usage failures, once.
 */
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generatedMapping, writeHelpScoutExport } from '../../bench/helpscout-export.ts';
import { backends, createServerDatabase, pgAvailable } from '../../test/backends.ts';
import {
  cliSandbox,
  type Env,
  expectFailure,
  expectSuccess,
  randomSecret,
  run,
  start,
} from '../../test/cli.ts';
import { migratedDataDir } from '../../test/pglite-template.ts';

const sandbox = cliSandbox();
const CONVERSATIONS = 300;

type Summary = {
  dryRun: boolean;
  records: { read: number; created: number; updated: number; unchanged: number; failed: number };
  errors: number;
  errorReport: string | null;
  peakMemoryMb: number;
};

for (const backend of backends) {
  describe.skipIf(backend === 'postgres' && !pgAvailable())(`guichet import [${backend}]`, () => {
    let dir: string;
    let env: Env;
    let dropDatabase: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(sandbox(), `${backend}-`));
      env = { DATA_DIR: path.join(dir, 'data') };
      // Migrated databases, copied (the first command on an empty one is cli-users-config's).
      if (backend === 'pglite') await migratedDataDir(path.join(dir, 'data'));
      if (backend === 'postgres') {
        const server = await createServerDatabase(inject('pgTemplate'));
        env.DATABASE_URL = server.url;
        env.SESSION_SECRET = randomSecret();
        dropDatabase = server.drop;
      }
      await writeHelpScoutExport(path.join(dir, 'export', 'a.jsonl'), {
        conversations: CONVERSATIONS,
        year: 2020,
      });
      await writeFile(path.join(dir, 'export', 'b.jsonl'), '{"id": 1, "status": \n');
      await writeFile(path.join(dir, 'mapping.json'), JSON.stringify(generatedMapping));
    });

    afterAll(async () => {
      await dropDatabase?.();
    });

    it('dry run, import with an error report, re-import, yearly totals', async () => {
      const args = [
        'import',
        'helpscout',
        path.join(dir, 'export'),
        '--mapping',
        path.join(dir, 'mapping.json'),
        '--json',
      ];
      const dry = await run([...args, '--dry-run', '--errors', path.join(dir, 'dry.csv')], env);
      expectSuccess(dry);
      const drySummary = JSON.parse(dry.stdout) as Summary;
      expect(drySummary).toMatchObject({
        dryRun: true,
        records: { read: CONVERSATIONS, created: CONVERSATIONS, failed: 1 },
      });

      const first = await run([...args, '--errors', path.join(dir, 'errors.csv')], env, {
        timeoutMs: 120_000,
      });
      expectSuccess(first);
      const summary = JSON.parse(first.stdout) as Summary;
      expect(summary.records).toEqual({
        read: CONVERSATIONS,
        created: CONVERSATIONS,
        updated: 0,
        unchanged: 0,
        failed: 1,
      });
      expect(summary.peakMemoryMb).toBeGreaterThan(0);
      // Not a terminal: plain progress lines on standard error.
      expect(first.stderr).toMatch(/^import: .* records/m);
      expect(summary.errorReport).toBe(path.join(dir, 'errors.csv'));
      const report = await readFile(path.join(dir, 'errors.csv'), 'utf8');
      expect(report).toMatch(
        new RegExp(`^${path.join(dir, 'export', 'b.jsonl')},1,error,,truncated JSON`, 'm'),
      );

      const again = await run(args, env);
      expectSuccess(again);
      expect((JSON.parse(again.stdout) as Summary).records).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: CONVERSATIONS,
      });

      await writeFile(
        path.join(dir, 'totals.csv'),
        'year,mailbox,tickets,replies\n2016,partenaires,2950,4210\n2016,Demandeurs,10340,\n',
      );
      const totals = await run(['import', 'totals', path.join(dir, 'totals.csv')], env);
      expectSuccess(totals);
      expect(totals.stdout).toBe('Yearly totals: 2 rows, 2 written, 0 failed\n');
    }, 240_000);

    it.runIf(backend === 'postgres')(
      'a run killed half-way (SIGKILL) resumes without duplicates',
      async () => {
        // A fresh database: the server lets the test watch the import from outside.
        const server = await createServerDatabase(null);
        const killEnv = { ...env, DATABASE_URL: server.url };
        const client = new pg.Client({ connectionString: server.url });
        try {
          const total = 4000;
          const file = path.join(dir, 'kill.jsonl');
          await writeHelpScoutExport(file, { conversations: total, year: 2020, seed: 7 });
          const args = [
            'import',
            'helpscout',
            file,
            '--mapping',
            path.join(dir, 'mapping.json'),
            '--batch-size',
            '50',
            '--json',
          ];
          const running = start(args, killEnv, { timeoutMs: 180_000 });
          await client.connect();
          const count = async (table: string) =>
            Number(
              (await client.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]?.n,
            );
          const deadline = Date.now() + 120_000;
          let seen = 0;
          while (seen === 0 && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            seen = await count('import_records').catch(() => 0);
          }
          running.kill('SIGKILL');
          const killed = await running.exited;
          expect(killed.signal).toBe('SIGKILL');
          const partial = await count('tickets');
          expect(partial).toBeGreaterThan(0);
          expect(partial).toBeLessThan(total);
          expect(await count('import_records')).toBe(partial);

          const resumed = await run(args, killEnv, { timeoutMs: 180_000 });
          expectSuccess(resumed);
          const summary = JSON.parse(resumed.stdout) as Summary;
          expect(summary.records).toMatchObject({
            read: total,
            unchanged: partial,
            created: total - partial,
            failed: 0,
          });
          expect(await count('tickets')).toBe(total);
          expect(await count('messages')).toBe(total * 4);
          const duplicates = await client.query(
            'select source_id from tickets group by source, source_id having count(*) > 1',
          );
          expect(duplicates.rows).toEqual([]);
        } finally {
          await client.end().catch(() => {});
          await server.drop();
        }
      },
      300_000,
    );

    it.runIf(backend === 'pglite')(
      'says what is wrong with the command line, before touching the database',
      async () => {
        const [missing, badMapping, noMapping] = await Promise.all([
          run(['import', 'helpscout', path.join(dir, 'nowhere')], {
            DATA_DIR: path.join(dir, 'other-data'),
          }),
          writeFile(path.join(dir, 'bad.json'), '{"mailboxes": []}').then(() =>
            run(
              [
                'import',
                'helpscout',
                path.join(dir, 'export'),
                '--mapping',
                path.join(dir, 'bad.json'),
              ],
              { DATA_DIR: path.join(dir, 'other-data-2') },
            ),
          ),
          run(['import', 'csv', path.join(dir, 'totals.csv')], env),
        ]);
        expectFailure(missing, 2, /^guichet: Cannot read .*nowhere: ENOENT$/m);
        expectFailure(badMapping, 2, /bad\.json: mailboxes: /);
        expectFailure(noMapping, 2, /required option '--mapping <file>'/);
        await expect(stat(path.join(dir, 'other-data-2', 'pgdata'))).rejects.toMatchObject({
          code: 'ENOENT',
        });
      },
      120_000,
    );
  });
}
