/**
 * Vitest global setup of the browser suites (project e2e): what every file's
 * `guichet serve --build` would otherwise do on its own, once, before any file
 * starts — compile dist/server and build the web app when stale (two files
 * building at once would race), and make the migrated embedded database that
 * e2e/helpers/server.ts copies into each new DATA_DIR (test/pglite-template.ts) —
 * and one Chromium for every file (e2e/helpers/browser.ts connects to it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildServerIfStale } from '../bin/build-server.mjs';
import { browserMissing, launchBrowserServer } from '../e2e/helpers/browser.ts';
import { buildWebIfStale } from '../src/cli/build-web.ts';
import { defaultWebRoot } from '../src/http/web-app.ts';
import { prepareDataDirTemplate } from './pglite-template.ts';

export default async function setup(project: TestProject) {
  buildServerIfStale();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-e2e-template-'));
  const [template, browser] = await Promise.all([
    prepareDataDirTemplate(dir),
    browserMissing ? undefined : launchBrowserServer(),
    buildWebIfStale(defaultWebRoot),
  ]);
  project.provide('pgliteDataDir', template.dataDir);
  project.provide('chromiumEndpoint', browser?.wsEndpoint() ?? '');
  return async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  };
}
