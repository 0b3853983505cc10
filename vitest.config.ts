import { defineConfig } from 'vitest/config';
import SpreadBrowserFiles from './test/sequencer.ts';
import { sharedAlias } from './vite.config.ts';

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    // Most suites wait on child processes, servers, browsers and databases rather than
    // compute: three at once, even on a 2-core machine (the default there is one), with
    // the browser files spread among the others (about one at a time, test/sequencer.ts).
    maxWorkers: 3,
    sequence: { sequencer: SpreadBrowserFiles },
    projects: [
      {
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          // Cheap password hashes in the test processes only (the production cost is tested).
          setupFiles: ['test/password-cost.ts'],
          environment: 'node',
          pool: 'forks',
          // The CLI suites start `guichet` processes: slow when three suites (and, on a shared
          // machine, others' runs) share the cores. A limit, not a measure: tests wait on conditions.
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
      {
        resolve: { alias: [sharedAlias] },
        test: {
          // Pure helpers of the web app (no DOM): URL state, drill-down targets, formats.
          name: 'web',
          include: ['web/src/**/*.test.ts'],
          environment: 'node',
          // Pure functions, no global state: the files share their workers' module graph
          // instead of each paying a fresh start (35 files, a second or more each under load).
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          // Builds the server and the web app once, and the migrated DATA_DIR the servers copy.
          globalSetup: ['test/e2e-global-setup.ts'],
          // Waits for the global setup's background web build before the file's own hooks.
          setupFiles: ['test/e2e-web-build.ts'],
          environment: 'node',
          pool: 'forks',
          // In the run's pool with the server files (two at once): each file has its own port,
          // DATA_DIR or database, screenshot names and browser connection (one Chromium for
          // the run, started by the global setup); the builds happen in the global setup.
          // A whole flow with server restarts: minutes when the machine is shared and loaded.
          testTimeout: 240_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
