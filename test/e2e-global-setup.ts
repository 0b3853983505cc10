/**
 * Vitest global setup of the browser suites (project e2e): what every file's
 * `guichet serve --build` would otherwise do on its own, once — compile
 * dist/server and build the web app when stale (two files building at once
 * would race), and make the migrated embedded database that
 * e2e/helpers/server.ts copies into each new DATA_DIR (test/pglite-template.ts) —
 * and one Chromium for every file (e2e/helpers/browser.ts connects to it).
 *
 * The web build (a minute of a clean clone's CI) runs in the background: the
 * server suites start meanwhile, and a browser file's first `startGuichet()`
 * waits for the file this setup writes when the build has ended
 * (e2e/helpers/server.ts, `webBuildReady`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildServerIfStale } from '../bin/build-server.mjs';
import { browserMissing, launchBrowserServer } from '../e2e/helpers/browser.ts';
import { buildWebIfStale } from '../src/cli/build-web.ts';
import { defaultWebRoot } from '../src/http/web-app.ts';
import { prepareDataDirTemplate } from './pglite-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Written once the web build has ended: `{ ok: true }` or `{ ok: false, error }`. */
    webBuildMarker: string;
  }
}

export default async function setup(project: TestProject) {
  buildServerIfStale();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-e2e-template-'));
  const marker = path.join(dir, 'web-build.json');
  const webBuild = buildWebIfStale(defaultWebRoot).then(
    () => writeFile(marker, JSON.stringify({ ok: true })),
    (error: unknown) =>
      writeFile(
        marker,
        JSON.stringify({
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
      ),
  );
  const [template, browser] = await Promise.all([
    prepareDataDirTemplate(dir),
    browserMissing ? undefined : launchBrowserServer(),
  ]);
  project.provide('pgliteDataDir', template.dataDir);
  project.provide('chromiumEndpoint', browser?.wsEndpoint() ?? '');
  project.provide('webBuildMarker', marker);
  return async () => {
    await webBuild;
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  };
}
