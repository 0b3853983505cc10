/**
 * Issue 16 §13 through real processes, on both backends: `guichet serve`
 * is killed with SIGKILL while it imports an uploaded Help Scout export. After
 * a restart the run reads as interrupted once its lease (30 s) has run out —
 * in the run's answer and in the list of runs — and its upload is gone from
 * the temporary folder; sending the same export again (what "Reprendre" does)
 * finishes it with no conversation counted twice.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedMapping, writeHelpScoutExport } from '../../bench/helpscout-export.ts';
import { backends, createServerDatabase, pgAvailable } from '../../test/backends.ts';
import { type Running, randomSecret, start } from '../../test/cli.ts';
import { freePort } from '../../test/ports.ts';
import { waitFor } from '../../test/wait-for.ts';
import type { ImportRunDto } from '../shared/contracts.ts';

const TOTAL = 1000;
const password = 'a long admin password for tests';

for (const backend of backends) {
  describe.skipIf(backend === 'postgres' && !pgAvailable())(
    `an uploaded import killed with its server [${backend}]`,
    () => {
      let dir = '';
      let exportFile = '';
      let env: Record<string, string> = {};
      let base = '';
      let origin = '';
      let server: Running | undefined;
      let drop: (() => Promise<void>) | undefined;

      const launch = async () => {
        server = start(['serve'], env, { timeoutMs: 400_000 });
        await server.waitForOutput(/Guichet is running/, 120_000);
      };
      const login = async () => {
        const response = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ email: 'admin@example.org', password }),
        });
        expect(response.status).toBe(200);
        const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const { csrfToken } = (await response.json()) as { csrfToken: string };
        return { cookie, csrfToken };
      };
      const upload = async (session: { cookie: string; csrfToken: string }) => {
        const response = await fetch(`${base}/api/imports/helpscout?format=jsonl&dryRun=false`, {
          method: 'POST',
          headers: {
            'content-type': 'application/octet-stream',
            cookie: session.cookie,
            'x-csrf-token': session.csrfToken,
            origin,
            'x-guichet-mapping': encodeURIComponent(JSON.stringify(generatedMapping)),
          },
          body: await readFile(exportFile),
        });
        expect(response.status).toBe(202);
        return ((await response.json()) as { id: string }).id;
      };
      const get = async <T>(session: { cookie: string }, url: string): Promise<T> => {
        const response = await fetch(`${base}${url}`, { headers: { cookie: session.cookie } });
        expect(response.status).toBe(200);
        return (await response.json()) as T;
      };
      const uploads = () => readdir(path.join(dir, 'tmp', 'guichet-imports')).catch(() => []);

      beforeAll(async () => {
        dir = await mkdtemp(path.join(os.tmpdir(), `guichet-import-killed-${backend}-`));
        await mkdir(path.join(dir, 'tmp'));
        exportFile = path.join(dir, 'export.jsonl');
        await writeHelpScoutExport(exportFile, { conversations: TOTAL, year: 2021, seed: 11 });
        const port = await freePort();
        base = `http://127.0.0.1:${port}`;
        origin = `http://localhost:${port}`;
        env = {
          DATA_DIR: path.join(dir, 'data'),
          PORT: String(port),
          SESSION_SECRET: randomSecret(),
          GUICHET_ADMIN_EMAIL: 'admin@example.org',
          GUICHET_ADMIN_PASSWORD: password,
          PUBLIC_URL: origin,
          // Uploads go to <TMPDIR>/guichet-imports: a folder of this test's own.
          TMPDIR: path.join(dir, 'tmp'),
        };
        if (backend === 'postgres') {
          const created = await createServerDatabase(null);
          env.DATABASE_URL = created.url;
          drop = created.drop;
        }
      }, 120_000);

      afterAll(async () => {
        server?.kill('SIGTERM');
        await server?.exited;
        await drop?.();
        await rm(dir, { recursive: true, force: true });
      });

      it('reads as interrupted after a restart, its upload removed; sent again, it finishes', async () => {
        await launch();
        const id = await upload(await login());
        // The import runs in the background: kill the server while it does.
        server?.kill('SIGKILL');
        expect((await server?.exited)?.signal).toBe('SIGKILL');
        expect(await uploads()).toContain(id);

        await launch();
        const session = await login();
        const interrupted = await waitFor(
          async () => {
            const run = await get<ImportRunDto>(session, `/api/imports/${id}`);
            return run.state === 'interrupted' ? run : undefined;
          },
          'the run to read as interrupted',
          120_000,
        );
        expect(interrupted.finishedAt).not.toBeNull();
        expect(await uploads()).not.toContain(id);
        const listed = await get<ImportRunDto[]>(session, '/api/imports');
        expect(listed.find((r) => r.id === id)?.state).toBe('interrupted');

        // "Reprendre": the same export again; what was imported reads as unchanged.
        const again = await upload(session);
        const finished = await waitFor(
          async () => {
            const run = await get<ImportRunDto>(session, `/api/imports/${again}`);
            if (run.state === 'failed') throw new Error(run.error ?? 'failed');
            return run.state === 'finished' ? run : undefined;
          },
          'the resumed import',
          240_000,
        );
        const records = finished.result?.records;
        expect(records?.read).toBe(TOTAL);
        expect(records?.failed).toBe(0);
        expect((records?.created ?? 0) + (records?.unchanged ?? 0) + (records?.updated ?? 0)).toBe(
          TOTAL,
        );
      }, 600_000);
    },
  );
}
